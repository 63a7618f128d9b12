import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { SelfPacedStatuses } from '#enums/learning'
import {
  FEEDBACK_ENROLMENT_STATUSES,
  RATING_VALUES,
  averageRating,
  percentOf,
} from '#domain/learning/course_feedback'
import { instantFromSql } from '#domain/shared/uk_time'
import { limitToProviders, type ProviderScope } from '#queries/learning/admin_courses_query'
import { pageOfRows } from '#queries/paging'
import { countRows } from '#services/csv_export'
import type { FeedbackTarget } from '#actions/learning/give_course_feedback'

/*
 * Reads for course feedback: what a learner still has to evaluate, the
 * form's facts, and the results course admins and the central team see,
 * counted and averaged in SQL. Results never carry who answered.
 */

/* An enrolment or self-paced run the learner may still give feedback on. */
export type FeedbackDue = {
  target: FeedbackTarget
  courseId: number
  courseTitle: string
  /* When the session ended, or the self-paced course was completed. */
  finishedAt: DateTime | null
}

const noFeedbackFor = (column: string, outer: string) =>
  db.from('course_feedback').whereColumn(`course_feedback.${column}`, outer).select(db.raw('1'))

function enrolmentsAwaitingFeedback(userId: number) {
  return db
    .from('enrolments')
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .join('courses', 'courses.id', 'course_sessions.course_id')
    .where('enrolments.user_id', userId)
    .whereIn('enrolments.status', [...FEEDBACK_ENROLMENT_STATUSES])
    .whereNotExists(noFeedbackFor('enrolment_id', 'enrolments.id'))
}

function selfPacedAwaitingFeedback(userId: number) {
  return db
    .from('self_paced_enrolments')
    .join('courses', 'courses.id', 'self_paced_enrolments.course_id')
    .where('self_paced_enrolments.user_id', userId)
    .where('self_paced_enrolments.status', SelfPacedStatuses.Completed)
    .whereNotExists(noFeedbackFor('self_paced_enrolment_id', 'self_paced_enrolments.id'))
}

/* How many courses the learner attended or completed and has not yet evaluated. */
export async function countFeedbackDue(userId: number) {
  const [sessions, selfPaced] = await Promise.all([
    countRows(enrolmentsAwaitingFeedback(userId)),
    countRows(selfPacedAwaitingFeedback(userId)),
  ])
  return sessions + selfPaced
}

/* What the learner has not yet evaluated, the most recently finished first. */
export async function feedbackDue(userId: number): Promise<FeedbackDue[]> {
  const [sessions, selfPaced] = await Promise.all([
    enrolmentsAwaitingFeedback(userId).select(
      'enrolments.id',
      'courses.id as course_id',
      'courses.title',
      'course_sessions.ends_at as finished_at'
    ),
    selfPacedAwaitingFeedback(userId).select(
      'self_paced_enrolments.id',
      'courses.id as course_id',
      'courses.title',
      'self_paced_enrolments.completed_at as finished_at'
    ),
  ])
  const due = (kind: FeedbackTarget['kind']) => (row: Record<string, any>) => ({
    target: { kind, id: Number(row.id) },
    courseId: Number(row.course_id),
    courseTitle: String(row.title),
    finishedAt: instantFromSql(row.finished_at),
  })
  return [...sessions.map(due('enrolment')), ...selfPaced.map(due('self_paced'))].sort(
    (a, b) => (b.finishedAt?.toMillis() ?? 0) - (a.finishedAt?.toMillis() ?? 0)
  )
}

/* The address of the feedback form for an enrolment or self-paced run. */
export function feedbackPath(target: FeedbackTarget) {
  return target.kind === 'enrolment'
    ? `/learning/enrolments/${target.id}/feedback`
    : `/learning/self-paced-enrolments/${target.id}/feedback`
}

/* What the feedback form shows of the learner's own enrolment or run, and any feedback already given; null if not theirs. */
export async function feedbackFormFacts(userId: number, target: FeedbackTarget) {
  const base =
    target.kind === 'enrolment'
      ? db
          .from('enrolments')
          .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
          .join('courses', 'courses.id', 'course_sessions.course_id')
          .where('enrolments.id', target.id)
          .where('enrolments.user_id', userId)
          .select(
            'enrolments.status',
            'course_sessions.starts_at',
            'course_sessions.ends_at',
            db.raw('null as completed_at')
          )
      : db
          .from('self_paced_enrolments')
          .join('courses', 'courses.id', 'self_paced_enrolments.course_id')
          .where('self_paced_enrolments.id', target.id)
          .where('self_paced_enrolments.user_id', userId)
          .select(
            'self_paced_enrolments.status',
            db.raw('null as starts_at'),
            db.raw('null as ends_at'),
            'self_paced_enrolments.completed_at'
          )
  const row = await base
    .join('providers', 'providers.id', 'courses.provider_id')
    .select('courses.id as course_id', 'courses.code', 'courses.title', 'providers.name')
    .first()
  if (!row) return null
  const given = await db
    .from('course_feedback')
    .where(target.kind === 'enrolment' ? 'enrolment_id' : 'self_paced_enrolment_id', target.id)
    .select('submitted_at')
    .first()
  return {
    target,
    status: String(row.status),
    course: {
      id: Number(row.course_id),
      code: String(row.code),
      title: String(row.title),
      providerName: String(row.name),
    },
    startsAt: instantFromSql(row.starts_at),
    endsAt: instantFromSql(row.ends_at),
    completedAt: instantFromSql(row.completed_at),
    givenAt: given ? instantFromSql(given.submitted_at) : null,
  }
}

export type FeedbackFormFacts = NonNullable<Awaited<ReturnType<typeof feedbackFormFacts>>>

/* Whose answers: the providers the person administers, narrowed to one provider, course or session. */
export type FeedbackScope = {
  providers: ProviderScope
  providerId?: number
  courseId?: number
  sessionId?: number
}

/* The answers in scope, with their course (for its provider). */
function answersIn(scope: FeedbackScope) {
  const query = db
    .from('course_feedback')
    .join('courses', 'courses.id', 'course_feedback.course_id')
  limitToProviders(query, scope.providers, 'courses.provider_id')
  if (scope.providerId) query.where('courses.provider_id', scope.providerId)
  if (scope.courseId) query.where('course_feedback.course_id', scope.courseId)
  if (scope.sessionId) query.where('course_feedback.session_id', scope.sessionId)
  return query
}

const RECOMMENDED = 'sum(case when course_feedback.would_recommend = 1 then 1 else 0 end)'

/* The aggregates every results row carries, as SQL select columns. */
function withFigures<Query extends { select: (...columns: any[]) => Query }>(query: Query) {
  return query.select(
    db.raw('count(*) as answers'),
    db.raw('sum(course_feedback.overall_rating) as overall_sum'),
    db.raw('sum(course_feedback.relevance_rating) as relevance_sum'),
    db.raw(`${RECOMMENDED} as recommended`)
  )
}

/* Counts and averages from a row of withFigures: averages to one decimal place, the share recommending as a percentage. */
export type FeedbackFigures = {
  answers: number
  overall: number | null
  relevance: number | null
  recommendPercent: number | null
}

function figures(row: Record<string, any> | undefined): FeedbackFigures {
  const answers = Number(row?.answers ?? 0)
  return {
    answers,
    overall: averageRating(Number(row?.overall_sum ?? 0), answers),
    relevance: averageRating(Number(row?.relevance_sum ?? 0), answers),
    recommendPercent: percentOf(Number(row?.recommended ?? 0), answers),
  }
}

/* How many answers gave each rating, 5 down to 1, for one question. */
async function distribution(scope: FeedbackScope, column: 'overall_rating' | 'relevance_rating') {
  const rows = await answersIn(scope)
    .groupBy(`course_feedback.${column}`)
    .select(`course_feedback.${column} as rating`)
    .count('* as answers')
  const counts = new Map(rows.map((row) => [Number(row.rating), Number(row.answers)]))
  return [...RATING_VALUES].reverse().map((rating) => ({
    rating,
    answers: counts.get(rating) ?? 0,
  }))
}

export const FEEDBACK_COMMENTS_PER_PAGE = 20

/*
 * The results in scope: the figures, each rating's distribution, the
 * figures per session (self-paced answers together), and a page of the
 * comments, newest first, with the rating given and the session but never
 * the person.
 */
export async function feedbackResults(scope: FeedbackScope, commentsPage = 1) {
  const [total, overall, relevance, sessions, comments] = await Promise.all([
    withFigures(answersIn(scope)).first(),
    distribution(scope, 'overall_rating'),
    distribution(scope, 'relevance_rating'),
    withFigures(
      answersIn(scope)
        .leftJoin('course_sessions', 'course_sessions.id', 'course_feedback.session_id')
        .groupBy('course_feedback.session_id', 'course_sessions.starts_at')
        .select('course_feedback.session_id', 'course_sessions.starts_at')
    )
      .orderByRaw('case when course_feedback.session_id is null then 1 else 0 end')
      .orderBy('course_sessions.starts_at', 'desc'),
    pageOfRows(
      answersIn(scope)
        .leftJoin('course_sessions', 'course_sessions.id', 'course_feedback.session_id')
        .whereNotNull('course_feedback.comments')
        .select(
          'course_feedback.comments',
          'course_feedback.overall_rating',
          'course_feedback.submitted_at',
          'course_feedback.session_id',
          'course_sessions.starts_at'
        )
        .orderBy('course_feedback.submitted_at', 'desc')
        .orderBy('course_feedback.id', 'desc'),
      commentsPage,
      FEEDBACK_COMMENTS_PER_PAGE
    ),
  ])
  return {
    figures: figures(total),
    overall,
    relevance,
    sessions: sessions.map((row) => ({
      sessionId: row.session_id === null ? null : Number(row.session_id),
      startsAt: instantFromSql(row.starts_at),
      figures: figures(row),
    })),
    comments: {
      page: comments,
      rows: comments.all().map((row) => ({
        text: String(row.comments),
        overallRating: Number(row.overall_rating),
        submittedAt: instantFromSql(row.submitted_at)!,
        sessionId: row.session_id === null ? null : Number(row.session_id),
        sessionStartsAt: instantFromSql(row.starts_at),
      })),
    },
  }
}

export type FeedbackResults = Awaited<ReturnType<typeof feedbackResults>>

export const FEEDBACK_COURSES_PER_PAGE = 50

/*
 * The overview: figures per provider, and per course a page at a time (by
 * provider, then title), for the providers in scope. Only courses with
 * answers are listed.
 */
export async function feedbackOverview(scope: FeedbackScope, page = 1) {
  const [providers, courses] = await Promise.all([
    withFigures(
      answersIn(scope)
        .join('providers', 'providers.id', 'courses.provider_id')
        .groupBy('providers.id', 'providers.name')
        .select('providers.id', 'providers.name')
    ).orderBy('providers.name'),
    pageOfRows(
      withFigures(
        answersIn(scope)
          .join('providers', 'providers.id', 'courses.provider_id')
          .groupBy('courses.id', 'courses.code', 'courses.title', 'providers.name')
          .select('courses.id', 'courses.code', 'courses.title', 'providers.name as provider_name')
      )
        .orderBy('providers.name')
        .orderBy('courses.title')
        .orderBy('courses.id'),
      page,
      FEEDBACK_COURSES_PER_PAGE
    ),
  ])
  return {
    providers: providers.map((row) => ({
      id: Number(row.id),
      name: String(row.name),
      figures: figures(row),
    })),
    courses: {
      page: courses,
      rows: courses.all().map((row) => ({
        id: Number(row.id),
        code: String(row.code),
        title: String(row.title),
        providerName: String(row.provider_name),
        figures: figures(row),
      })),
    },
  }
}
