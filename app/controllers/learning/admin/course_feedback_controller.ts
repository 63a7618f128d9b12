import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Course from '#models/course'
import { administeredProviders, administersProvider } from '#services/provider_scope'
import { exportList } from '#services/exports'
import { csvHref, wholeNumber } from '#services/list_pipeline'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import {
  feedbackOverview,
  feedbackResults,
  type FeedbackFigures,
} from '#queries/learning/course_feedback_query'
import { formatDay } from '#transformers/learning_transformer'
import { UK_ZONE, UkFormats, instantFromSql } from '#domain/shared/uk_time'

type Bouncer = HttpContext['bouncer']

/* Figures as the results pages print them: averages to one decimal place, shares as percentages. */
export function figuresView(figures: FeedbackFigures) {
  return {
    answers: figures.answers,
    overall: figures.overall === null ? 'None' : `${figures.overall.toFixed(1)} out of 5`,
    relevance: figures.relevance === null ? 'None' : `${figures.relevance.toFixed(1)} out of 5`,
    recommend: figures.recommendPercent === null ? 'None' : `${figures.recommendPercent}%`,
  }
}

/*
 * A course whose feedback the person may read: anyone who administers no
 * provider is refused first; another provider's course answers 404, as if
 * it did not exist.
 */
async function feedbackCourse(bouncer: Bouncer, user: HttpContext['auth']['user'], id: unknown) {
  await bouncer.with('CoursePolicy').authorize('administer')
  const course = await Course.query().where('id', idParam(id)).preload('provider').first()
  if (!course || !(await administersProvider(user!, course.providerId))) {
    throw new RecordNotFoundException()
  }
  return course
}

/* The session asked for, when it is one of the course's; anything else shows the whole course. */
async function sessionOf(courseId: number, value: unknown) {
  const sessionId = wholeNumber(typeof value === 'string' ? value : undefined)
  if (!sessionId) return null
  const row = await db
    .from('course_sessions')
    .where('id', sessionId)
    .where('course_id', courseId)
    .select('id', 'starts_at')
    .first()
  return row ? { id: Number(row.id), startsAt: row.starts_at } : null
}

/*
 * Course feedback results for course admins (their providers' courses)
 * and capability admins (every course): an overview per provider and per
 * course, and each course's results per session, with its comments and
 * a CSV. Never the names of those who answered.
 */
export default class CourseFeedbackController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const providers = await administeredProviders(auth.getUserOrFail())
    const qs = request.qs()
    const providerId = wholeNumber(typeof qs.provider === 'string' ? qs.provider : undefined)
    const page = wholeNumber(typeof qs.page === 'string' ? qs.page : undefined) ?? 1
    const overview = await feedbackOverview({ providers, providerId }, page)
    return view.render('pages/learning/admin/feedback/index', {
      providers: overview.providers.map((row) => ({ ...row, figures: figuresView(row.figures) })),
      courses: overview.courses.rows.map((row) => ({ ...row, figures: figuresView(row.figures) })),
      meta: overview.courses.page.getMeta(),
      providerId: providerId ?? null,
      paginator: overview.courses.page,
    })
  }

  async show({ auth, bouncer, params, request, view }: HttpContext) {
    const course = await feedbackCourse(bouncer, auth.user, params.id)
    const qs = request.qs()
    const chosen = await sessionOf(course.id, qs.session)
    const page = wholeNumber(typeof qs.page === 'string' ? qs.page : undefined) ?? 1
    const results = await feedbackResults(
      { providers: [course.providerId], courseId: course.id, sessionId: chosen?.id },
      page
    )
    const dayOf = (value: Parameters<typeof formatDay>[0] | null) =>
      value ? formatDay(value) : 'Self-paced'
    return view.render('pages/learning/admin/feedback/course', {
      course,
      chosenSession: chosen ? dayOf(instantFromSql(chosen.startsAt)) : null,
      chosenSessionId: chosen?.id ?? null,
      figures: figuresView(results.figures),
      overall: results.overall,
      relevance: results.relevance,
      total: results.figures.answers,
      sessions: results.sessions.map((row) => ({
        sessionId: row.sessionId,
        when: dayOf(row.startsAt),
        figures: figuresView(row.figures),
      })),
      comments: results.comments.rows.map((row) => ({
        text: row.text,
        overallRating: row.overallRating,
        submittedOn: row.submittedAt.setZone(UK_ZONE).toFormat(UkFormats.longDate),
        session: dayOf(row.sessionStartsAt),
      })),
      paginator: results.comments.page,
      csvHref: csvHref(`/learning/admin/courses/${course.id}/feedback.csv`, {
        session: chosen?.id,
      }),
    })
  }

  /* Every answer on the course (or one session of it) as CSV, without names. */
  async csv(ctx: HttpContext) {
    const course = await feedbackCourse(ctx.bouncer, ctx.auth.user, ctx.params.id)
    return exportList(ctx, 'courseFeedback', { courseId: String(course.id) })
  }
}
