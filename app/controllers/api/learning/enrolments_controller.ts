import type { HttpContext } from '@adonisjs/core/http'
import { enrol } from '#actions/learning/enrol'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import {
  apiCancelValidator,
  apiEnrolValidator,
  myEnrolmentsQueryValidator,
} from '#validators/learning_learner'
import { enrolmentPage, ownEnrolment, sessionOffer } from '#queries/learning/my_learning_query'
import { EnrolmentTransformer } from '#transformers/learning_transformer'
import { apiSerializer, fieldProblems, pageOf, problem } from '#services/api'
import { found, idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import type Enrolment from '#models/enrolment'
import type { CourseHolding } from '#domain/learning/enrolment_rules'
import {
  ALREADY_ENROLLED_PROBLEM,
  courseHeldMessage,
  ENROL_REFUSAL_PROBLEMS,
  notCancellableProblem,
} from '#services/enrolment_messages'

/* One of the caller's enrolments as the API gives it anywhere. */
async function enrolmentAnswer(userId: number, enrolmentId: number) {
  const row = found(await ownEnrolment(userId, enrolmentId))
  return apiSerializer.serialize(EnrolmentTransformer.transform(row))
}

/*
 * An enrolment's place on its session: what a 409 problem names as
 * `enrolment` (the problem's own `status` stays the HTTP one).
 */
function enrolmentPlace(enrolment: Enrolment) {
  return {
    id: enrolment.id,
    status: enrolment.status,
    position: enrolment.waitlistPosition ?? null,
  }
}

/* What a 409 names of a course the caller already holds: the enrolment in the way, or the completion. */
function heldPlace(holding: CourseHolding) {
  if (holding.kind === 'completed') return { completedOn: holding.completedOn }
  return {
    enrolment: { id: holding.enrolmentId, status: holding.kind, position: holding.position },
  }
}

/* The caller's own enrolments: enrol, cancel and list. */
export default class EnrolmentsController {
  async index({ auth, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const filters = await myEnrolmentsQueryValidator.validate(request.qs())
    const page = await enrolmentPage(user.id, {
      status: filters.status,
      page: filters.page ?? 1,
      perPage: filters.perPage ?? 25,
    })
    return apiSerializer.page(EnrolmentTransformer.paginate(page.rows, pageOf(page.meta)))
  }

  async store({ auth, params, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const sessionId = idParam(params.id)
    const { note } = await request.validateUsing(apiEnrolValidator)
    const result = await enrol(user, sessionId, { note: note ?? null })
    switch (result.type) {
      case 'requested':
      case 'booked':
      case 'waitlisted':
        return response.created(await enrolmentAnswer(user.id, result.enrolment.id))
      case 'already_enrolled':
        return problem(response, 409, ALREADY_ENROLLED_PROBLEM, {
          enrolment: enrolmentPlace(result.enrolment),
        })
      case 'course_completed':
      case 'already_on_course': {
        const offer = (await sessionOffer(sessionId, user.id))!
        return problem(response, 409, `${courseHeldMessage(result.holding, offer.course.title)}.`, {
          code: result.type,
          ...heldPlace(result.holding),
        })
      }
      case 'session_not_found':
        throw new RecordNotFoundException()
      case 'booking_closed':
      case 'session_started':
      case 'session_cancelled':
      case 'no_line_manager':
        return problem(response, 422, ENROL_REFUSAL_PROBLEMS[result.type], { code: result.type })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async destroy({ auth, params, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const enrolmentId = idParam(params.id)
    if (!(await ownEnrolment(user.id, enrolmentId))) throw new RecordNotFoundException()
    const { reason } = await request.validateUsing(apiCancelValidator)
    const result = await cancelEnrolment(user, enrolmentId, { reason })
    switch (result.type) {
      case 'cancelled':
        return enrolmentAnswer(user.id, result.enrolment.id)
      case 'not_found':
        throw new RecordNotFoundException()
      case 'reason_needed':
        return fieldProblems(response, [
          { field: 'reason', message: 'Give a reason for cancelling', rule: 'required' },
        ])
      case 'booking_closed':
        return problem(response, 422, notCancellableProblem(result.type, result.enrolment), {
          code: 'booking_closed',
        })
      case 'not_cancellable':
        return problem(response, 409, notCancellableProblem(result.type, result.enrolment), {
          enrolment: enrolmentPlace(result.enrolment),
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
