import { DateTime } from 'luxon'
import { beforeCreate, belongsTo, column } from '@adonisjs/lucid/orm'
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

  /* Who booked the person on their behalf (their line manager or HR), or null when they enrolled themselves. */
  @column()
  declare nominatedBy: number | null

  /*
   * The course's cost when the place was asked for (requested, booked or
   * put on the waiting list): what the booking commits to a training
   * budget, whatever the course costs later (ADR 20).
   */
  @column()
  declare costPence: number

  @beforeCreate()
  static async keepCost(enrolment: Enrolment) {
    if (enrolment.costPence !== undefined) return
    const client = enrolment.$trx ?? Enrolment.query().client
    const row = await client
      .from('course_sessions')
      .join('courses', 'courses.id', 'course_sessions.course_id')
      .where('course_sessions.id', enrolment.sessionId)
      .select('courses.cost_pence')
      .first()
    enrolment.costPence = Number(row?.cost_pence ?? 0)
  }

  @belongsTo(() => CourseSession, { foreignKey: 'sessionId' })
  declare session: BelongsTo<typeof CourseSession>

  auditLabel() {
    return `Enrolment ${this.id}`
  }
}
