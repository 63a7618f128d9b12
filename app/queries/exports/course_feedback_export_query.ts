import db from '@adonisjs/lucid/services/db'
import { type KeyColumn, linesOfQuery, countRows } from '#services/csv_export'
import { limitToProviders, type ProviderScope } from '#queries/learning/admin_courses_query'
import { sqlTime, sqlUkTime } from '#queries/exports/sql_time'

/* What a course feedback export narrows to: a course, and optionally one of its sessions. */
export type CourseFeedbackExportFilters = { courseId: number; sessionId?: number }

/* No name, e-mail address or organisation: feedback is anonymous to the course team. */
export const COURSE_FEEDBACK_HEADER = [
  'Course code',
  'Session start',
  'Submitted at',
  'Overall rating',
  'Relevance to role',
  'Would recommend',
  'Comments',
]

/* The answers on a course the person administers: none for anyone else's course. */
function answersOf(providers: ProviderScope, filters: CourseFeedbackExportFilters) {
  const query = db
    .from('course_feedback')
    .join('courses', 'courses.id', 'course_feedback.course_id')
    .leftJoin('course_sessions', 'course_sessions.id', 'course_feedback.session_id')
    .where('course_feedback.course_id', filters.courseId)
  if (filters.sessionId) query.where('course_feedback.session_id', filters.sessionId)
  return limitToProviders(query, providers, 'courses.provider_id')
}

export function countCourseFeedback(
  providers: ProviderScope,
  filters: CourseFeedbackExportFilters
) {
  return countRows(answersOf(providers, filters))
}

/* Every answer, oldest first; when its session started in UK time, or "Self-paced". */
export function courseFeedbackLines(
  providers: ProviderScope,
  filters: CourseFeedbackExportFilters,
  batchSize: number
) {
  const build = () =>
    answersOf(providers, filters).select(
      'course_feedback.id',
      'courses.code',
      'course_sessions.starts_at',
      'course_feedback.submitted_at',
      'course_feedback.overall_rating',
      'course_feedback.relevance_rating',
      'course_feedback.would_recommend',
      'course_feedback.comments'
    )
  const keys: KeyColumn[] = [{ column: 'course_feedback.id', key: 'id', direction: 'asc' }]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.code,
    row.starts_at ? sqlUkTime(row.starts_at) : 'Self-paced',
    sqlTime(row.submitted_at),
    Number(row.overall_rating),
    Number(row.relevance_rating),
    Number(row.would_recommend) === 1 || row.would_recommend === true ? 'Yes' : 'No',
    row.comments,
  ])
}
