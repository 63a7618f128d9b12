import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import Course from '#models/course'
import LearningRecord from '#models/learning_record'
import { formatVerificationCode } from '#domain/learning/certificates'

/* The certificate of one completed course on a learning record, checked by its verification code. */
export default class Certificate extends UserOwnedModel {
  static auditSubjectType = 'certificate'

  @column()
  declare learningRecordId: number

  @column()
  declare courseId: number

  /* 12 characters, stored without hyphens (formatVerificationCode shows them in groups). */
  @column()
  declare code: string

  @column.dateTime()
  declare issuedAt: DateTime

  /* The last day the completion counts; null when the course's completions do not expire. */
  @column.date()
  declare validUntil: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column()
  declare revokedBy: number | null

  @column()
  declare revocationReason: string | null

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>

  @belongsTo(() => LearningRecord)
  declare learningRecord: BelongsTo<typeof LearningRecord>

  auditLabel() {
    return `Certificate ${formatVerificationCode(this.code)}`
  }
}
