import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { giveCourseFeedback, type FeedbackTarget } from '#actions/learning/give_course_feedback'
import { courseFeedbackValidator, feedbackResultsQueryValidator } from '#validators/course_feedback'
import { feedbackResults } from '#queries/learning/course_feedback_query'
import {
  CourseFeedbackResultsTransformer,
  CourseFeedbackTransformer,
} from '#transformers/course_feedback_transformer'
import { administersProvider } from '#services/provider_scope'
import { apiSerializer, problem } from '#services/api'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { alreadyGivenMessage, notAttendedMessage } from '#services/feedback_messages'

/* The course a feedback answer or results are about, for messages and scope. */
function courseOf(id: number) {
  return db.from('courses').where('id', id).select('id', 'code', 'title', 'provider_id').first()
}

/*
 * Course feedback in the API: the caller evaluates a course they attended
 * or completed (once per enrolment), and course admins read a course's
 * results, never with names. Another provider's course answers 404.
 */
export default class CourseFeedbackController {
  async storeForEnrolment(ctx: HttpContext) {
    return this.give(ctx, { kind: 'enrolment', id: idParam(ctx.params.id) })
  }

  async storeForSelfPaced(ctx: HttpContext) {
    return this.give(ctx, { kind: 'self_paced', id: idParam(ctx.params.id) })
  }

  private async give({ auth, request, response }: HttpContext, target: FeedbackTarget) {
    const user = auth.use('api').getUserOrFail()
    const answers = await request.validateUsing(courseFeedbackValidator)
    const result = await giveCourseFeedback(user.id, target, answers)
    switch (result.type) {
      case 'given':
        return response.created(
          await apiSerializer.serialize(CourseFeedbackTransformer.transform(result.feedback))
        )
      case 'not_found':
        throw new RecordNotFoundException()
      case 'not_attended':
        return problem(response, 422, `${notAttendedMessage(target.kind, result.status)}.`, {
          code: 'not_attended',
        })
      case 'already_given': {
        const course = await courseOf(result.feedback.courseId)
        return problem(
          response,
          409,
          `${alreadyGivenMessage(String(course?.title ?? 'this course'), result.feedback.submittedAt)}.`,
          { code: 'already_given', feedback: { id: result.feedback.id } }
        )
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async results({ auth, bouncer, params, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await bouncer.with('CoursePolicy').authorize('administer')
    const course = await courseOf(idParam(params.id))
    if (!course || !(await administersProvider(user, Number(course.provider_id)))) {
      throw new RecordNotFoundException()
    }
    const filters = await feedbackResultsQueryValidator.validate(request.qs())
    if (filters.session) {
      const session = await db
        .from('course_sessions')
        .where('id', filters.session)
        .where('course_id', course.id)
        .first()
      if (!session) throw new RecordNotFoundException()
    }
    const results = await feedbackResults(
      {
        providers: [Number(course.provider_id)],
        courseId: Number(course.id),
        sessionId: filters.session,
      },
      filters.page ?? 1
    )
    return apiSerializer.serialize(
      CourseFeedbackResultsTransformer.transform({
        course: { id: Number(course.id), code: String(course.code), title: String(course.title) },
        sessionId: filters.session ?? null,
        results,
      })
    )
  }
}
