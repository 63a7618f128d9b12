import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import Skill from '#models/skill'
import Course from '#models/course'
import type { PlanItemKind, PlanItemStatus } from '#enums/capability'

/* A step in a person's development plan: a skill to raise to a level, or a course. */
export default class DevelopmentPlanItem extends UserOwnedModel {
  static auditSubjectType = 'development_plan_item'

  @column()
  declare kind: PlanItemKind

  @column()
  declare skillId: number | null

  @column()
  declare targetLevel: number | null

  @column()
  declare courseId: number | null

  @column.date()
  declare dueOn: DateTime | null

  @column()
  declare status: PlanItemStatus

  @column()
  declare notes: string | null

  @column()
  declare agreedBy: number | null

  @column.dateTime()
  declare agreedAt: DateTime | null

  @belongsTo(() => Skill)
  declare skill: BelongsTo<typeof Skill>

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>
}
