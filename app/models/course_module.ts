import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Course from '#models/course'
import { booleanColumn } from '#models/columns'
import type { ModuleKind } from '#enums/learning'

/* One part of a self-paced course's content, taken in order: a link, document, video or e-learning package. */
export default class CourseModule extends AuditedModel {
  static auditSubjectType = 'course_module'

  @column()
  declare courseId: number

  /* 1, 2, 3… in the order learners take the modules. */
  @column()
  declare position: number

  @column()
  declare title: string

  @column()
  declare kind: ModuleKind

  /* The https address of a link, document or video. */
  @column()
  declare url: string | null

  /* Whether the course is completed only once this module is. */
  @booleanColumn()
  declare required: boolean

  /* The e-learning package of a scorm module. */
  @column()
  declare packageId: number | null

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>

  auditLabel() {
    return this.title
  }
}
