import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Skill from '#models/skill'
import User from '#models/user'
import type { SkillClaimStatus } from '#enums/learning'

/* A level of a skill a person says they have reached, for their line manager to validate. */
export default class SkillClaim extends AuditedModel {
  static auditSubjectType = 'skill_claim'

  @column()
  declare userId: number

  @column()
  declare skillId: number

  @column()
  declare level: number

  @column()
  declare learningRecordId: number | null

  @column()
  declare status: SkillClaimStatus

  @column()
  declare decidedBy: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare comment: string | null

  @belongsTo(() => Skill)
  declare skill: BelongsTo<typeof Skill>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  auditOrganisationId() {
    return this.organisationOfUser(this.userId)
  }
}
