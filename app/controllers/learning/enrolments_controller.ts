import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { enrol } from '#actions/learning/enrol'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import { inviteFileName, sessionInvite } from '#services/calendar'
import { found, idParam } from '#services/params'
import { cancelEnrolmentValidator, enrolValidator } from '#validators/learning_learner'
import {
  inviteEnrolment,
  lineManagerName,
  ownEnrolment,
  sessionOffer,
} from '#queries/learning/my_learning_query'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { enrolmentStatusLabels } from '#enums/learning'
import {
  LEARNER_CANCEL_WORDS,
  alreadyEnrolledMessage,
  courseHeldMessage,
  enrolRefusalMessage,
  enrolledMessage,
  learnerCancelledMessage,
  notCancellableMessage,
} from '#services/enrolment_messages'
import { courseHolding } from '#queries/learning/course_holdings_query'
import { formatCost } from '#transformers/learning_transformer'

/* The learner's side of enrolling: confirm and book, cancel, and the calendar invite. */
export default class EnrolmentsController {
  async create({ auth, params, view }: HttpContext) {
    const user = auth.getUserOrFail()
    return view.render('pages/learning/enrol', await this.enrolPage(user, idParam(params.id)))
  }

  async store({ auth, params, request, response, session, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const sessionId = idParam(params.id)
    const { note } = await request.validateUsing(enrolValidator)
    const result = await enrol(user, sessionId, { note: note ?? null })
    switch (result.type) {
      case 'booked':
      case 'waitlisted':
      case 'requested': {
        const offer = (await sessionOffer(sessionId, user.id))!
        const manager =
          result.type === 'requested' ? await lineManagerName(user.lineManagerId) : null
        session.flash('success', enrolledMessage(result, offer, manager))
        return response.redirect().toRoute('learning.my')
      }
      case 'already_enrolled': {
        const offer = (await sessionOffer(sessionId, user.id))!
        session.flash('success', alreadyEnrolledMessage(result.enrolment, offer.course.title))
        return response.redirect().toRoute('learning.my')
      }
      case 'session_not_found':
        throw new RecordNotFoundException()
      case 'course_completed':
      case 'already_on_course': {
        const page = await this.enrolPage(user, sessionId)
        response.status(422)
        return view.render('pages/learning/enrol', {
          ...page,
          errors: { session: [courseHeldMessage(result.holding, page.offer.course.title)] },
        })
      }
      case 'booking_closed':
      case 'session_started':
      case 'session_cancelled':
      case 'no_line_manager': {
        const page = await this.enrolPage(user, sessionId)
        response.status(422)
        return view.render('pages/learning/enrol', {
          ...page,
          errors: {
            session: [enrolRefusalMessage(result.type, page.offer.session.bookingClosesOn)],
          },
        })
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async confirmCancel({ auth, params, view }: HttpContext) {
    const enrolment = await this.own(auth.getUserOrFail(), params.id)
    return view.render('pages/learning/cancel', this.cancelPage(enrolment))
  }

  async cancel({ auth, backWithErrors, params, request, response, session, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const before = await this.own(user, params.id)
    const { reason } = await request.validateUsing(cancelEnrolmentValidator)
    const result = await cancelEnrolment(user, before.id, { reason })
    switch (result.type) {
      case 'cancelled':
        session.flash('success', learnerCancelledMessage(before.status, before.course.title))
        return response.redirect().toRoute('learning.my')
      case 'not_found':
        throw new RecordNotFoundException()
      case 'reason_needed':
        return backWithErrors({ reason: 'Enter why you are cancelling' }, { keepInput: false })
      case 'booking_closed':
      case 'not_cancellable': {
        const current = await this.own(user, before.id)
        response.status(422)
        return view.render('pages/learning/cancel', {
          ...this.cancelPage(current),
          errors: { enrolment: [notCancellableMessage(result.type, current)] },
        })
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async invite({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const enrolment = found(await inviteEnrolment(user.id, idParam(params.id)))
    const { session } = enrolment
    response.header('Content-Type', 'text/calendar; charset=utf-8')
    response.header(
      'Content-Disposition',
      `attachment; filename="${inviteFileName(session, session.course)}"`
    )
    return response.send(sessionInvite(session, session.course))
  }

  private async enrolPage(user: User, sessionId: number) {
    const offer = found(await sessionOffer(sessionId, user.id))
    const lineManager = await lineManagerName(user.lineManagerId)
    const holding = offer.existing ? null : await courseHolding(user.id, offer.course.id)
    return {
      offer,
      cost: formatCost(offer.course.costPence),
      heldText: holding ? courseHeldMessage(holding, offer.course.title) : null,
      lineManagerName: lineManager,
      statusLabels: enrolmentStatusLabels,
      refusalText: offer.refusal
        ? enrolRefusalMessage(offer.refusal, offer.session.bookingClosesOn)
        : offer.course.requiresApproval && !lineManager
          ? enrolRefusalMessage('no_line_manager', offer.session.bookingClosesOn)
          : null,
    }
  }

  /* The learner's own enrolment; anyone else's answers 404, as if it did not exist. */
  private async own(user: User, id: unknown) {
    const enrolment = found(await ownEnrolment(user.id, idParam(id)))
    return enrolment
  }

  private cancelPage(enrolment: NonNullable<Awaited<ReturnType<typeof ownEnrolment>>>) {
    return {
      enrolment,
      words: LEARNER_CANCEL_WORDS[enrolment.status] ?? null,
      statusLabel: enrolmentStatusLabels[enrolment.status],
    }
  }
}
