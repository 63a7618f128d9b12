import { tokenRequestValidator } from '#validators/identity'
import { TokenTransformer, UserTransformer } from '#transformers/identity_transformer'
import {
  PUBLIC,
  answer,
  body,
  bodyProblems,
  dataOf,
  problemAnswer,
  problems,
  requestSchema,
  schemaRef,
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
    TokenRequest: requestSchema(tokenRequestValidator, {
      email: { description: 'The email address the person signs in with.' },
      password: { description: 'Their password.' },
      name: {
        description: 'A name for the token, shown on the profile page. `API token` if left out.',
      },
      code: {
        description:
          'For people with two-step verification on: the 6-digit code their authenticator app shows now (spaces allowed), or one of their recovery codes. Leave it out otherwise.',
      },
    }),
    ...TokenTransformer.schemas,
    ...UserTransformer.schemas,
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
          401: problemAnswer(
            'The email address or password is not correct; or the person uses two-step verification and `code` is missing, not correct or already used (the detail says which).'
          ),
          403: problemAnswer(
            'The account has been deactivated; or the person’s organisation signs its people in only with their department account (single sign-on only): they sign in to the service that way and create a token on their profile page; or the service requires two-step verification of the person’s role and they have not set it up yet.'
          ),
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
