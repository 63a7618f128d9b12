import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Skill from '#models/skill'

/* A skill a course builds, and the level it brings a learner to. */
export default class CourseOutcome extends AuditedModel {
  static auditSubjectType = 'course_outcome'

  @column()
  declare courseId: number

  @column()
  declare skillId: number

  @column()
  declare level: number

  @belongsTo(() => Skill)
  declare skill: BelongsTo<typeof Skill>
}
