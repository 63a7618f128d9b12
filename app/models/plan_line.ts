import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import RoleProfile from '#models/role_profile'

/* One role profile's numbers in a capability plan. */
export default class PlanLine extends AuditedModel {
  static auditSubjectType = 'plan_line'

  @column()
  declare planId: number

  @column()
  declare roleProfileId: number

  @column()
  declare postsNeeded: number

  @column()
  declare inPostOverride: number | null

  @column()
  declare overrideReason: string | null

  @column()
  declare plannedToRecruit: number

  @column()
  declare plannedToTrain: number

  @belongsTo(() => RoleProfile)
  declare roleProfile: BelongsTo<typeof RoleProfile>

  auditOrganisationId() {
    return this.organisationOfPlan(this.planId)
  }
}
