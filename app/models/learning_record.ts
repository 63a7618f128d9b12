import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Course from '#models/course'
import type { LearningRecordSource } from '#enums/learning'

export default class LearningRecord extends AuditedModel {
  static auditSubjectType = 'learning_record'

  @column()
  declare userId: number

  @column()
  declare courseId: number | null

  @column()
  declare enrolmentId: number | null

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

  auditOrganisationId() {
    return this.organisationOfUser(this.userId)
  }
}
