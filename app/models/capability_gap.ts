import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import RoleProfile from '#models/role_profile'
import Skill from '#models/skill'
import User from '#models/user'
import type { GapKind, GapMitigation, GapSeverity, GapStatus } from '#enums/workforce'

/* An entry in an organisation's capability-gap register: short of posts, or of a skill. */
export default class CapabilityGap extends OrganisationOwnedModel {
  static auditSubjectType = 'capability_gap'

  @column()
  declare kind: GapKind

  @column()
  declare roleProfileId: number | null

  @column()
  declare skillId: number | null

  @column()
  declare title: string

  @column()
  declare description: string | null

  @column()
  declare severity: GapSeverity

  @column()
  declare mitigation: GapMitigation | null

  @column()
  declare ownerId: number | null

  @column.date()
  declare dueOn: DateTime | null

  @column()
  declare status: GapStatus

  @column()
  declare source: 'manual' | 'plan' | 'gap_engine'

  @belongsTo(() => RoleProfile)
  declare roleProfile: BelongsTo<typeof RoleProfile>

  @belongsTo(() => Skill)
  declare skill: BelongsTo<typeof Skill>

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  auditLabel() {
    return this.title
  }
}
