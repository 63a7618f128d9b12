import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { decideRequest } from '#actions/learning/decide_request'
import { decisionValidator } from '#validators/learning_learner'
import { decisionSubject, pendingApprovals } from '#queries/learning/approvals_query'
import { found, idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

/* Line managers decide their direct reports' requests for places on courses. */
export default class ApprovalsController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const page = Math.max(1, Number.parseInt(String(request.input('page', '1')), 10) || 1)
    return view.render('pages/learning/approvals', {
      isLineManager: Boolean(user.isLineManager),
      approvals: await pendingApprovals(user.id, page),
    })
  }

  /* Requests waiting for the line manager's decision, as CSV. */
  async csv(ctx: HttpContext) {
    return exportList(ctx, 'approvals')
  }

  async decide({ auth, backWithErrors, params, request, response, session }: HttpContext) {
    const manager = auth.getUserOrFail()
    const enrolmentId = idParam(params.id)
    // Only requests from the manager's own reports exist for them.
    const subject = found(await decisionSubject(manager.id, enrolmentId))
    const field = `reason-${enrolmentId}`
    const [invalid, input] = await decisionValidator.tryValidate(request.all())
    if (invalid) {
      // Each request has its own decline form, so errors name that form's field.
      const messages = invalid.messages as { field: string; message: string }[]
      session.flash({ [field]: request.input('reason') ?? '' })
      return backWithErrors(
        { [field]: messages.map((message) => message.message) },
        { keepInput: false }
      )
    }

    const result = await decideRequest(manager, enrolmentId, {
      approve: input.decision === 'approve',
      reason: input.reason ?? null,
    })
    switch (result.type) {
      case 'not_found':
        throw new RecordNotFoundException()
      case 'approved':
        session.flash(
          'success',
          result.placed === 'booked'
            ? `You approved ${subject.learnerName}’s request: they are booked on ${subject.courseTitle}`
            : `You approved ${subject.learnerName}’s request: the session is full, so they are number ${result.enrolment.waitlistPosition} on the waiting list for ${subject.courseTitle}`
        )
        break
      case 'declined':
        session.flash(
          'success',
          `You declined ${subject.learnerName}’s request for ${subject.courseTitle}`
        )
        break
      case 'reason_needed':
        return backWithErrors(
          { [field]: `Enter why you are declining ${subject.learnerName}’s request` },
          { keepInput: false, to: ['learning.approvals'] }
        )
      case 'not_awaiting_decision':
        session.flash(
          'error',
          `${subject.learnerName}’s request for ${subject.courseTitle} is no longer waiting for a decision`
        )
        break
      case 'booking_closed':
        session.flash(
          'error',
          `You cannot approve ${subject.learnerName}’s request: booking for the session closed on ${subject.bookingClosesOn}. You can still decline it`
        )
        break
      case 'session_started':
        session.flash(
          'error',
          `You cannot approve ${subject.learnerName}’s request: the session has already started. You can still decline it`
        )
        break
      case 'session_cancelled':
        session.flash(
          'error',
          `You cannot approve ${subject.learnerName}’s request: the session has been cancelled. You can still decline it`
        )
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('learning.approvals')
  }
}
