import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { EnrolmentStatuses } from '#enums/learning'
import { enrolRefusal } from '#domain/learning/enrolment_rules'
import {
  sessionPlace,
  sessionWhen,
  toDateTime,
  ukDate,
  ukDateTime,
} from '#queries/learning/my_learning_query'

/*
 * Requests from a line manager's direct reports that wait for their
 * decision, oldest first so nobody waits longest; one joined query a page.
 */
export async function pendingApprovals(managerId: number, page = 1, perPage = 25) {
  const now = DateTime.now()
  const result = await db
    .from('enrolments')
    .join('users', 'users.id', 'enrolments.user_id')
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .join('courses', 'courses.id', 'course_sessions.course_id')
    .where('users.line_manager_id', managerId)
    .where('enrolments.status', EnrolmentStatuses.Requested)
    .select(
      'enrolments.id',
      'enrolments.request_note',
      'enrolments.created_at',
      'users.full_name',
      'users.email',
      'course_sessions.id as session_id',
      'course_sessions.starts_at',
      'course_sessions.ends_at',
      'course_sessions.booking_closes_at',
      'course_sessions.status as session_status',
      'course_sessions.venue',
      'course_sessions.location',
      'course_sessions.online_url',
      'courses.id as course_id',
      'courses.title as course_title'
    )
    .orderBy('enrolments.created_at', 'asc')
    .orderBy('enrolments.id', 'asc')
    .paginate(page, perPage)

  const rows = result.all().map((row) => {
    const startsAt = toDateTime(row.starts_at)
    const bookingClosesAt = toDateTime(row.booking_closes_at)
    return {
      id: Number(row.id),
      learnerName: row.full_name as string,
      learnerEmail: row.email as string,
      courseId: Number(row.course_id),
      courseTitle: row.course_title as string,
      when: sessionWhen(startsAt, toDateTime(row.ends_at)),
      place: sessionPlace({ venue: row.venue, location: row.location, onlineUrl: row.online_url }),
      note: row.request_note as string | null,
      requestedOn: ukDate(toDateTime(row.created_at)),
      bookingClosesOn: ukDateTime(bookingClosesAt),
      refusal: enrolRefusal(
        {
          status: row.session_status,
          startsAt: startsAt.toJSDate(),
          bookingClosesAt: bookingClosesAt.toJSDate(),
        },
        now.toJSDate()
      ),
    }
  })
  return {
    rows,
    meta: result.getMeta() as { total: number; currentPage: number; lastPage: number },
  }
}

export type PendingApproval = Awaited<ReturnType<typeof pendingApprovals>>['rows'][number]

/*
 * A direct report's enrolment as the manager's messages name it (learner and
 * course), or null when the learner does not report to this manager.
 */
export async function decisionSubject(managerId: number, enrolmentId: number) {
  const row = await db
    .from('enrolments')
    .join('users', 'users.id', 'enrolments.user_id')
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .join('courses', 'courses.id', 'course_sessions.course_id')
    .where('enrolments.id', enrolmentId)
    .where('users.line_manager_id', managerId)
    .select('users.full_name', 'courses.title', 'course_sessions.booking_closes_at')
    .first()
  return row
    ? {
        learnerName: row.full_name as string,
        courseTitle: row.title as string,
        bookingClosesOn: ukDateTime(toDateTime(row.booking_closes_at)),
      }
    : null
}
