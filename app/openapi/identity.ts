import { gradeValues } from '#enums/grades'
import { professionValues } from '#enums/professions'
import { roleValues } from '#enums/roles'
import {
  PUBLIC,
  answer,
  arrayOf,
  body,
  bodyProblems,
  boolean,
  dataOf,
  id,
  object,
  oneOfValues,
  orNull,
  problems,
  schemaRef,
  text,
} from './components.js'
import type { ApiArea } from './types.js'

/* Tokens and the caller: how a client gets in and learns who it acts for. */
export const identity: ApiArea = {
  tag: {
    name: 'Identity',
    description:
      'Bearer tokens, and the person a token acts for. Every other operation needs a token, except where it says otherwise.',
  },
  schemas: {
    TokenRequest: object(
      {
        email: {
          type: 'string',
          format: 'email',
          maxLength: 254,
          description: 'The email address the person signs in with.',
        },
        password: text('Their password.', { max: 200 }),
        name: text('A name for the token, shown on the profile page. `API token` if left out.', {
          max: 120,
        }),
        code: text(
          'For people with two-step verification on: the 6-digit code their authenticator app shows now (spaces allowed), or one of their recovery codes. Leave it out otherwise.',
          { max: 50 }
        ),
      },
      { optional: ['name', 'code'] }
    ),
    Token: object({
      type: { type: 'string', const: 'bearer', description: 'How to send the token.' },
      token: text('The token. It is shown this once: keep it secret.'),
      expiresAt: orNull({
        type: 'string',
        format: 'date-time',
        description: 'When the token stops working; null when it does not expire.',
      }),
    }),
    User: object({
      id: id(),
      name: text('Full name.'),
      email: { type: 'string', format: 'email' },
      organisation: object(
        { id: id(), name: text(), code: text() },
        { optional: ['name', 'code'] }
      ),
      grade: orNull(oneOfValues(gradeValues, 'Civil service grade.')),
      profession: orNull(oneOfValues(professionValues, 'Civil service profession.')),
      lineManagerId: orNull(id('The id of their line manager.')),
      roles: arrayOf(oneOfValues(roleValues), 'The roles they hold on the service.'),
      isLineManager: boolean('Whether anyone reports to them.'),
      active: boolean('False once the account is deactivated.'),
    }),
  },
  paths: {
    '/tokens': {
      post: {
        operationId: 'createToken',
        summary: 'Get a bearer token',
        description:
          'Exchanges an email address and password for a bearer token. Failed attempts are counted: after five in a short time the answer is 429 until the wait is over. People with two-step verification on also send `code`: the code their authenticator app shows now, or a recovery code (each works once); without it, or with a wrong one or one already used, the answer is 401 saying so, and after five wrong codes 429. People of an organisation that signs in only with department accounts have no password here: the answer is 403, and they create tokens on their profile page after signing in.',
        tags: ['Identity'],
        security: PUBLIC,
        requestBody: body(schemaRef('TokenRequest')),
        responses: {
          ...bodyProblems(),
          201: answer('A new token for the person.', schemaRef('Token')),
          401: {
            description:
              'The email address or password is not correct; or the person uses two-step verification and `code` is missing, not correct or already used (the detail says which).',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          403: {
            description:
              'The account has been deactivated; or the person’s organisation signs its people in only with their department account (single sign-on only): they sign in to the service that way and create a token on their profile page; or the service requires two-step verification of the person’s role and they have not set it up yet.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          ...problems(422, 429),
        },
      },
    },
    '/tokens/current': {
      delete: {
        operationId: 'revokeCurrentToken',
        summary: 'Revoke the token in use',
        description: 'Revokes the token sent with this request. It stops working at once.',
        tags: ['Identity'],
        responses: {
          204: { description: 'The token is revoked.' },
          ...problems(401, 422),
        },
      },
    },
    '/me': {
      get: {
        operationId: 'getCurrentUser',
        summary: 'Who the token acts for',
        description:
          'The person the token belongs to: their organisation, grade, profession, line manager and roles.',
        tags: ['Identity'],
        responses: {
          200: answer('The person.', dataOf(schemaRef('User'))),
          ...problems(401),
        },
      },
    },
  },
}
