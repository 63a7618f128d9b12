import type { DateTime } from 'luxon'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type CourseFeedback from '#models/course_feedback'
import type { FeedbackFigures, FeedbackResults } from '#queries/learning/course_feedback_query'
import { FEEDBACK_COMMENTS_MAX_LENGTH } from '#domain/learning/course_feedback'
import { arrayOf, boolean, dateTime, id, integer, object, orNull, text } from '#openapi/components'

/*
 * Course feedback as the JSON API gives it: a learner's own answer, and a
 * course's results for its course admins, which never name anyone.
 */

const instant = (value: DateTime) => value.toUTC().toISO()

const rating = (description: string) => integer(description, { min: 1, max: 5 })

const average = (description: string) =>
  orNull({
    type: 'number',
    minimum: 1,
    maximum: 5,
    description: `${description} Out of 5, to one decimal place; null with no answers.`,
  })

const figureFields = {
  answers: integer('How many learners answered.', { min: 0 }),
  overallAverage: average('The average overall rating.'),
  relevanceAverage: average('The average rating of relevance to the learner’s role.'),
  recommendPercent: orNull(
    integer('The share who would recommend the course, as a whole percentage.', {
      min: 0,
      max: 100,
    })
  ),
}

function figureValues(figures: FeedbackFigures) {
  return {
    answers: figures.answers,
    overallAverage: figures.overall,
    relevanceAverage: figures.relevance,
    recommendPercent: figures.recommendPercent,
  }
}

/* The caller's own evaluation of a course, as they gave it. */
export class CourseFeedbackTransformer extends BaseTransformer<CourseFeedback> {
  static schemas = {
    CourseFeedback: object({
      id: id(),
      courseId: id('The course evaluated.'),
      sessionId: orNull(id('The session attended; null for a self-paced course.')),
      enrolmentId: orNull(id('The enrolment evaluated, for a course in sessions.')),
      selfPacedEnrolmentId: orNull(id('The self-paced run evaluated.')),
      overallRating: rating('Overall, from 1 (very poor) to 5 (excellent).'),
      relevanceRating: rating('Relevance to the learner’s role, from 1 (none) to 5 (very).'),
      wouldRecommend: boolean('Whether they would recommend the course to a colleague.'),
      comments: orNull(text(undefined, { max: FEEDBACK_COMMENTS_MAX_LENGTH })),
      submittedAt: dateTime(),
    }),
  }

  toObject() {
    const feedback = this.resource
    return {
      id: feedback.id,
      courseId: feedback.courseId,
      sessionId: feedback.sessionId,
      enrolmentId: feedback.enrolmentId,
      selfPacedEnrolmentId: feedback.selfPacedEnrolmentId,
      overallRating: feedback.overallRating,
      relevanceRating: feedback.relevanceRating,
      wouldRecommend: feedback.wouldRecommend,
      comments: feedback.comments,
      submittedAt: instant(feedback.submittedAt),
    }
  }
}

/* A course's results with the course they belong to and the page of comments asked for. */
export type CourseFeedbackResultsRecord = {
  course: { id: number; code: string; title: string }
  sessionId: number | null
  results: FeedbackResults
}

const distribution = (description: string) =>
  arrayOf(
    object({ rating: rating('A rating.'), answers: integer('How many gave it.', { min: 0 }) }),
    `${description} From 5 down to 1.`
  )

/*
 * A course's feedback results: the figures, each rating's distribution,
 * the figures per session, and a page of the comments, without names.
 */
export class CourseFeedbackResultsTransformer extends BaseTransformer<CourseFeedbackResultsRecord> {
  static schemas = {
    CourseFeedbackResults: object({
      course: object({ id: id(), code: text(), title: text() }),
      sessionId: orNull(id('The session the results are narrowed to, when one was asked for.')),
      ...figureFields,
      overallDistribution: distribution('How many learners gave each overall rating.'),
      relevanceDistribution: distribution('How many learners gave each relevance rating.'),
      sessions: arrayOf(
        object({
          sessionId: orNull(id('The session; null for answers on the self-paced course.')),
          startsAt: orNull(dateTime()),
          ...figureFields,
        }),
        'The figures per session, latest first; self-paced answers last.'
      ),
      comments: arrayOf(
        object({
          text: text(),
          overallRating: rating('The overall rating the learner gave.'),
          sessionId: orNull(id()),
          submittedAt: dateTime(),
        }),
        'A page of the comments, newest first. Never the learner’s name.'
      ),
      commentsPage: object({
        total: integer(undefined, { min: 0 }),
        page: integer(undefined, { min: 1 }),
        perPage: integer(undefined, { min: 1 }),
        lastPage: integer(undefined, { min: 1 }),
      }),
    }),
  }

  toObject() {
    const { course, sessionId, results } = this.resource
    const meta = results.comments.page.getMeta()
    return {
      course,
      sessionId,
      ...figureValues(results.figures),
      overallDistribution: results.overall,
      relevanceDistribution: results.relevance,
      sessions: results.sessions.map((row) => ({
        sessionId: row.sessionId,
        startsAt: row.startsAt ? instant(row.startsAt) : null,
        ...figureValues(row.figures),
      })),
      comments: results.comments.rows.map((row) => ({
        text: row.text,
        overallRating: row.overallRating,
        sessionId: row.sessionId,
        submittedAt: instant(row.submittedAt),
      })),
      commentsPage: {
        total: meta.total,
        page: meta.currentPage,
        perPage: meta.perPage,
        lastPage: Math.max(1, meta.lastPage),
      },
    }
  }
}
