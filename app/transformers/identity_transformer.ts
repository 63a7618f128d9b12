import { BaseTransformer } from '@adonisjs/core/transformers'
import type { AccessToken } from '@adonisjs/auth/access_tokens'
import type User from '#models/user'
import { gradeValues } from '#enums/grades'
import { professionValues } from '#enums/professions'
import { roleValues } from '#enums/roles'
import { arrayOf, boolean, id, object, oneOfValues, orNull, text } from '#openapi/components'

/*
 * The person a token acts for, and a new token, as the JSON API shows them.
 */

/* A person: their organisation, grade, profession, line manager and roles. */
export class UserTransformer extends BaseTransformer<User> {
  static schemas = {
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
  }

  toObject() {
    const user = this.resource
    return {
      id: user.id,
      name: user.fullName,
      email: user.email,
      organisation: user.organisation
        ? { id: user.organisation.id, name: user.organisation.name, code: user.organisation.code }
        : { id: user.organisationId },
      grade: user.grade,
      profession: user.profession,
      lineManagerId: user.lineManagerId,
      roles: user.roleNames,
      isLineManager: Boolean(user.isLineManager),
      active: user.isActive,
    }
  }
}

/* A bearer token just made: its secret is shown this once. */
export class TokenTransformer extends BaseTransformer<AccessToken> {
  static schemas = {
    Token: object({
      type: { type: 'string', const: 'bearer', description: 'How to send the token.' },
      token: text('The token. It is shown this once: keep it secret.'),
      expiresAt: orNull({
        type: 'string',
        format: 'date-time',
        description: 'When the token stops working; null when it does not expire.',
      }),
    }),
  }

  toObject() {
    const token = this.resource
    return {
      type: 'bearer',
      token: token.value!.release(),
      expiresAt: token.expiresAt?.toISOString() ?? null,
    }
  }
}
