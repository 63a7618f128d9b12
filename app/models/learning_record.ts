import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import Course from '#models/course'
import type { LearningRecordSource } from '#enums/learning'

export default class LearningRecord extends UserOwnedModel {
  static auditSubjectType = 'learning_record'

  @column()
  declare courseId: number | null

  @column()
  declare enrolmentId: number | null

  /* The self-paced run whose completion wrote this record. */
  @column()
  declare selfPacedEnrolmentId: number | null

  @column()
  declare title: string

  @column()
  declare providerName: string | null

  @column.date()
  declare completedOn: DateTime

  @column()
  declare source: LearningRecordSource

  @column()
  declare evidenceUrl: string | null

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>

  auditLabel() {
    return this.title
  }
}
