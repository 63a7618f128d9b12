import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import Skill from '#models/skill'
import type { SkillClaimStatus } from '#enums/learning'

/* A level of a skill a person says they have reached, for their line manager to validate. */
export default class SkillClaim extends UserOwnedModel {
  static auditSubjectType = 'skill_claim'

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
}
