import { DateTime } from 'luxon'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Course from '#models/course'
import Enrolment from '#models/enrolment'
import type { SessionStatus } from '#enums/learning'
import type { SessionFacts } from '#domain/learning/enrolment_rules'

export default class CourseSession extends AuditedModel {
  static table = 'course_sessions'
  static auditSubjectType = 'course_session'

  @column()
  declare courseId: number

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare endsAt: DateTime

  @column.dateTime()
  declare bookingClosesAt: DateTime

  @column()
  declare venue: string | null

  @column()
  declare accessibilityNotes: string | null

  @column()
  declare location: string | null

  @column()
  declare onlineUrl: string | null

  @column()
  declare capacity: number

  @column()
  declare status: SessionStatus

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  declare cancellationReason: string | null

  @column.dateTime()
  declare reminderSentAt: DateTime | null

  /* The calendar invitation's revision: raised when the time or place changes. */
  @column()
  declare inviteSequence: number

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>

  @hasMany(() => Enrolment, { foreignKey: 'sessionId' })
  declare enrolments: HasMany<typeof Enrolment>

  /* What the enrolment rules need to know about this session. */
  get facts(): SessionFacts {
    return {
      status: this.status,
      startsAt: this.startsAt.toJSDate(),
      bookingClosesAt: this.bookingClosesAt.toJSDate(),
    }
  }

  auditLabel() {
    return `Session ${this.id} starting ${this.startsAt?.toISO() ?? ''}`
  }
}
