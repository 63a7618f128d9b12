import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import User from '#models/user'

/*
 * Base for audited records that belong to one user (user_id), such as their
 * enrolments, assessments and plan: the audit trail files their changes
 * under the organisation the user belongs to.
 */
export default class UserOwnedModel extends AuditedModel {
  @column()
  declare userId: number

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  auditOrganisationId() {
    return this.organisationOfUser(this.userId)
  }
}
