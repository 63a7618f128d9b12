import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import Skill from '#models/skill'
import type { AssessmentSource, AssessmentStatus } from '#enums/capability'
import type { StandingsTarget } from '#domain/capability/standings'

/*
 * One judgement of one person's level in one skill: by the person
 * (submitted) or by their line manager (validated, and the one that counts).
 * Both are kept, with who and when.
 */
export default class SkillAssessment extends UserOwnedModel {
  static auditSubjectType = 'skill_assessment'

  /* Every change to it can move its person's standing against their role level. */
  standingsAffected(): StandingsTarget {
    return { userIds: [this.userId] }
  }

  @column()
  declare skillId: number

  @column()
  declare level: number

  @column()
  declare source: AssessmentSource

  @column()
  declare status: AssessmentStatus

  @column()
  declare assessedBy: number | null

  @column()
  declare validatesId: number | null

  @column()
  declare comment: string | null

  @column.dateTime()
  declare assessedAt: DateTime

  @belongsTo(() => Skill)
  declare skill: BelongsTo<typeof Skill>
}
