import { learningRecordSourceLabels, type LearningRecordSource } from '#enums/learning'
import db from '@adonisjs/lucid/services/db'
import { type KeyColumn, linesOfQuery, countRows } from '#services/csv_export'
import {
  applyFilters,
  bookedPlaces,
  limitToProviders,
  nowForSql,
  type AdminCourseFilters,
  type ProviderScope,
} from '#queries/learning/admin_courses_query'
import {
  courseModeLabels,
  courseStatusLabels,
  enrolmentStatusLabels,
  EnrolmentStatuses,
  type CourseMode,
  type CourseStatus,
  type EnrolmentStatus,
} from '#enums/learning'
import { reportsEnrolments } from '#queries/learning/approvals_query'
import { ROSTER_COLUMNS, sessionEnrolments } from '#queries/learning/roster_query'
import { sqlTime } from '#queries/exports/sql_time'
import { isoDateFromSql } from '#domain/shared/uk_time'

export const COURSES_HEADER = [
  'Code',
  'Title',
  'Provider',
  'Mode',
  'Status',
  'Hours',
  'Cost (£)',
  'Upcoming sessions',
  'Places booked',
]

function coursesIn(providers: ProviderScope, filters: AdminCourseFilters) {
  const query = db.from('courses').join('providers', 'providers.id', 'courses.provider_id')
  limitToProviders(query, providers, 'courses.provider_id')
  applyFilters(query, filters, { status: true })
  return query
}

export function countCourses(providers: ProviderScope, filters: AdminCourseFilters) {
  return countRows(coursesIn(providers, filters))
}

/* The course admin's courses with these filters, by title, with upcoming sessions and places. */
export function courseLines(
  providers: ProviderScope,
  filters: AdminCourseFilters,
  batchSize: number
) {
  const now = nowForSql()
  const build = () =>
    coursesIn(providers, filters)
      .select(
        'courses.id',
        'courses.code',
        'courses.title',
        'courses.mode',
        'courses.status',
        'courses.duration_hours',
        'courses.cost_pence',
        'providers.name as provider_name'
      )
      .select(
        db.raw(
          `(select count(*) from course_sessions s
            where s.course_id = courses.id and s.status = ? and s.starts_at > ?) as upcoming_sessions`,
          ['scheduled', now]
        ),
        bookedPlaces(now)
      )
  const keys: KeyColumn[] = [
    { column: 'courses.title', key: 'title', direction: 'asc' },
    { column: 'courses.id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.code,
    row.title,
    row.provider_name,
    courseModeLabels[row.mode as CourseMode] ?? row.mode,
    courseStatusLabels[row.status as CourseStatus] ?? row.status,
    Number(row.duration_hours),
    (Number(row.cost_pence) / 100).toFixed(2),
    Number(row.upcoming_sessions),
    Number(row.booked_places),
  ])
}

export const ROSTER_HEADER = [
  'Name',
  'Email',
  'Organisation',
  'Status',
  'Waiting list position',
  'Requested at',
  'Booked at',
  'Cancelled at',
  'Cancellation reason',
]

/* Enrolments on one session of a course the admin manages: none for anyone else's session. */
function rosterOf(providers: ProviderScope, sessionId: number) {
  const query = sessionEnrolments(sessionId)
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .join('courses', 'courses.id', 'course_sessions.course_id')
  return limitToProviders(query, providers, 'courses.provider_id')
}

export function countRoster(providers: ProviderScope, sessionId: number) {
  return countRows(rosterOf(providers, sessionId))
}

/* Everyone on a session, by name. */
export function rosterLines(providers: ProviderScope, sessionId: number, batchSize: number) {
  const build = () => rosterOf(providers, sessionId).select(...ROSTER_COLUMNS)
  const keys: KeyColumn[] = [
    { column: 'users.full_name', key: 'full_name', direction: 'asc' },
    { column: 'enrolments.id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.full_name,
    row.email,
    row.organisation_name,
    enrolmentStatusLabels[row.status as EnrolmentStatus] ?? row.status,
    row.waitlist_position,
    sqlTime(row.created_at),
    sqlTime(row.booked_at),
    sqlTime(row.cancelled_at),
    row.cancellation_reason,
  ])
}

export const LEARNING_RECORD_HEADER = ['Title', 'Provider', 'Completed on', 'Source', 'Evidence']

function recordOf(userId: number) {
  return db.from('learning_records').where('user_id', userId)
}

export function countLearningRecord(userId: number) {
  return countRows(recordOf(userId))
}

/* A learner's own learning record, most recent first. */
export function learningRecordLines(userId: number, batchSize: number) {
  const build = () =>
    recordOf(userId).select(
      'id',
      'title',
      'provider_name',
      'completed_on',
      'source',
      'evidence_url'
    )
  const keys: KeyColumn[] = [
    { column: 'completed_on', key: 'completed_on', direction: 'desc' },
    { column: 'id', key: 'id', direction: 'desc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.title,
    row.provider_name,
    isoDateFromSql(row.completed_on),
    learningRecordSourceLabels[row.source as LearningRecordSource],
    row.evidence_url,
  ])
}

export const APPROVALS_HEADER = [
  'Learner',
  'Email',
  'Course',
  'Session starts',
  'Requested at',
  'Note',
]

function approvalsFor(managerId: number) {
  return reportsEnrolments(managerId).where('enrolments.status', EnrolmentStatuses.Requested)
}

export function countApprovals(managerId: number) {
  return countRows(approvalsFor(managerId))
}

/* Requests waiting for a line manager's decision, oldest first, as the approvals page lists them. */
export function approvalLines(managerId: number, batchSize: number) {
  const build = () =>
    approvalsFor(managerId).select(
      'enrolments.id',
      'enrolments.created_at',
      'enrolments.request_note',
      'users.full_name',
      'users.email',
      'courses.title as course_title',
      'course_sessions.starts_at'
    )
  const keys: KeyColumn[] = [
    { column: 'enrolments.created_at', key: 'created_at', direction: 'asc' },
    { column: 'enrolments.id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.full_name,
    row.email,
    row.course_title,
    sqlTime(row.starts_at),
    sqlTime(row.created_at),
    row.request_note,
  ])
}
