import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { strongestHolding, type CourseHolding } from '#domain/learning/enrolment_rules'
import { EnrolmentStatuses } from '#enums/learning'
import { instantFromSql, isoDateFromSql } from '#domain/shared/uk_time'

/* Enrolments that hold a place on a course, or wait for one, or wait for completion. */
const HOLDING_STATUSES = [
  EnrolmentStatuses.Requested,
  EnrolmentStatuses.Booked,
  EnrolmentStatuses.Waitlisted,
  EnrolmentStatuses.Attended,
] as const

/*
 * What a learner already holds of each of some courses, on any of their
 * sessions: an active enrolment, or a completion on their learning record.
 * Two queries, whatever the number of courses. Inside an enrolment's
 * transaction pass its client, so the reads follow the session lock.
 */
export async function courseHoldings(
  userId: number,
  courseIds: number[],
  client: QueryClientContract = db.connection()
): Promise<Map<number, CourseHolding>> {
  const result = new Map<number, CourseHolding>()
  if (!courseIds.length) return result
  const ids = [...new Set(courseIds)]

  const [active, completed] = await Promise.all([
    client
      .from('enrolments')
      .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
      .where('enrolments.user_id', userId)
      .whereIn('enrolments.status', [...HOLDING_STATUSES])
      .whereIn('course_sessions.course_id', ids)
      .select(
        'enrolments.id',
        'enrolments.status',
        'enrolments.waitlist_position',
        'course_sessions.id as session_id',
        'course_sessions.course_id',
        'course_sessions.starts_at'
      )
      .orderBy('course_sessions.starts_at', 'asc')
      .orderBy('enrolments.id', 'asc'),
    client
      .from('learning_records')
      .where('user_id', userId)
      .whereIn('course_id', ids)
      .groupBy('course_id')
      .select('course_id')
      .max('completed_on as completed_on'),
  ])

  const byCourse = new Map<number, CourseHolding[]>()
  const add = (courseId: number, holding: CourseHolding) => {
    const list = byCourse.get(courseId) ?? []
    byCourse.set(courseId, list)
    list.push(holding)
  }
  for (const row of active) {
    add(Number(row.course_id), {
      kind: row.status as (typeof HOLDING_STATUSES)[number],
      enrolmentId: Number(row.id),
      sessionId: Number(row.session_id),
      startsAt: instantFromSql(row.starts_at)!.toJSDate(),
      position: row.waitlist_position === null ? null : Number(row.waitlist_position),
    })
  }
  for (const row of completed) {
    add(Number(row.course_id), {
      kind: 'completed',
      completedOn: isoDateFromSql(row.completed_on)!,
    })
  }
  for (const [courseId, holdings] of byCourse) result.set(courseId, strongestHolding(holdings)!)
  return result
}

/* What a learner already holds of one course, or null. */
export async function courseHolding(
  userId: number,
  courseId: number,
  client: QueryClientContract = db.connection()
) {
  const holdings = await courseHoldings(userId, [courseId], client)
  return holdings.get(courseId) ?? null
}
