import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import CourseSession from '#models/course_session'
import type { EnrolmentStatus } from '#enums/learning'

export default class Enrolment extends UserOwnedModel {
  static auditSubjectType = 'enrolment'

  @column()
  declare sessionId: number

  @column()
  declare status: EnrolmentStatus

  @column()
  declare activeSessionId: number | null

  @column()
  declare waitlistPosition: number | null

  @column()
  declare requestNote: string | null

  @column()
  declare decidedBy: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare decisionReason: string | null

  @column.dateTime()
  declare bookedAt: DateTime | null

  @column()
  declare cancelledBy: number | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  declare cancellationReason: string | null

  @column.dateTime()
  declare attendanceMarkedAt: DateTime | null

  @column.dateTime()
  declare completedAt: DateTime | null

  @belongsTo(() => CourseSession, { foreignKey: 'sessionId' })
  declare session: BelongsTo<typeof CourseSession>

  auditLabel() {
    return `Enrolment ${this.id}`
  }
}
