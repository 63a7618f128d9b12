import { type KeyColumn, linesOfQuery, countRows } from '#services/csv_export'
import { enrolmentStatusLabels, type EnrolmentStatus } from '#enums/learning'
import { learnerEnrolments, sessionPlace } from '#queries/learning/my_learning_query'
import { sqlUkTime } from '#queries/exports/sql_time'

export const MY_LEARNING_HEADER = [
  'Course code',
  'Course',
  'Session starts (UK time)',
  'Session ends (UK time)',
  'Place',
  'Session cancelled',
  'Status',
  'Waiting list position',
  'Requested at (UK time)',
  'Booked at (UK time)',
  'Cancelled at (UK time)',
  'Reason',
]

export function countMyLearning(userId: number) {
  return countRows(learnerEnrolments(userId))
}

/*
 * Every enrolment of the learner, as "My learning" shows them across its
 * sections: requests, bookings, waiting-list places and history, latest
 * session first. Times are in UK time, as on the page.
 */
export function myLearningLines(userId: number, batchSize: number) {
  const build = () =>
    learnerEnrolments(userId).select(
      'enrolments.id',
      'enrolments.status',
      'enrolments.waitlist_position',
      'enrolments.created_at',
      'enrolments.booked_at',
      'enrolments.cancelled_at',
      'enrolments.decision_reason',
      'enrolments.cancellation_reason',
      'course_sessions.starts_at',
      'course_sessions.ends_at',
      'course_sessions.venue',
      'course_sessions.location',
      'course_sessions.online_url',
      'course_sessions.status as session_status',
      'courses.code as course_code',
      'courses.title as course_title'
    )
  const keys: KeyColumn[] = [
    { column: 'course_sessions.starts_at', key: 'starts_at', direction: 'desc' },
    { column: 'enrolments.id', key: 'id', direction: 'desc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.course_code,
    row.course_title,
    sqlUkTime(row.starts_at),
    sqlUkTime(row.ends_at),
    sessionPlace({ venue: row.venue, location: row.location, onlineUrl: row.online_url }),
    row.session_status === 'cancelled',
    enrolmentStatusLabels[row.status as EnrolmentStatus] ?? row.status,
    row.waitlist_position === null ? null : Number(row.waitlist_position),
    sqlUkTime(row.created_at),
    sqlUkTime(row.booked_at),
    sqlUkTime(row.cancelled_at),
    row.status === 'declined' ? row.decision_reason : row.cancellation_reason,
  ])
}
