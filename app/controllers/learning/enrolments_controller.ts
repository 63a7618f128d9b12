import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import Enrolment from '#models/enrolment'
import { enrol } from '#actions/learning/enrol'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import { sessionInvite } from '#services/calendar'
import { idParam } from '#services/params'
import { cancelEnrolmentValidator, enrolValidator } from '#validators/learning_learner'
import { ownEnrolment, sessionOffer, type SessionOffer } from '#queries/learning/my_learning_query'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { EnrolmentStatuses, enrolmentStatusLabels, type EnrolmentStatus } from '#enums/learning'
import type { EnrolRefusal } from '#domain/learning/enrolment_rules'
import { alreadyEnrolledMessage, courseHeldMessage } from '#services/enrolment_messages'
import { courseHolding } from '#queries/learning/course_holdings_query'
import { formatCost } from '#transformers/learning_transformer'
import { UK_ZONE } from '#domain/shared/uk_time'

type Refusal = EnrolRefusal | 'no_line_manager'

/* Why a learner cannot enrol, as the confirmation page says it. */
function refusalMessage(refusal: Refusal, bookingClosesOn: string) {
  switch (refusal) {
    case 'booking_closed':
      return `Booking for this session closed on ${bookingClosesOn}. Choose another session`
    case 'session_started':
      return 'This session has already started. Choose another session'
    case 'session_cancelled':
      return 'This session has been cancelled. Choose another session'
    case 'no_line_manager':
      return 'This course needs your line manager’s approval, but the service does not know who your line manager is. Ask your HR team to add them'
    default: {
      const unreachable: never = refusal
      return unreachable
    }
  }
}

/* What the learner is giving up, in the words of the cancel page and its message. */
const cancelWords: Partial<
  Record<EnrolmentStatus, { title: string; button: string; done: string }>
> = {
  booked: {
    title: 'Cancel your booking',
    button: 'Cancel booking',
    done: 'You have cancelled your booking on',
  },
  waitlisted: {
    title: 'Leave the waiting list',
    button: 'Leave the waiting list',
    done: 'You have left the waiting list for',
  },
  requested: {
    title: 'Withdraw your request',
    button: 'Withdraw request',
    done: 'You have withdrawn your request for',
  },
}

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
        session.flash('success', await this.enrolledMessage(result, user, offer))
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
          errors: { session: [refusalMessage(result.type, page.offer.session.bookingClosesOn)] },
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
      case 'cancelled': {
        const words = cancelWords[before.status] ?? cancelWords.booked!
        session.flash('success', `${words.done} ${before.course.title}`)
        return response.redirect().toRoute('learning.my')
      }
      case 'not_found':
        throw new RecordNotFoundException()
      case 'reason_needed':
        return backWithErrors({ reason: 'Enter why you are cancelling' }, { keepInput: false })
      case 'booking_closed':
      case 'not_cancellable': {
        const current = await this.own(user, before.id)
        const message =
          result.type === 'booking_closed'
            ? `Booking for this session closed on ${current.bookingClosesOn}, so only the course team can cancel now`
            : `This can no longer be cancelled: it is ${enrolmentStatusLabels[current.status].toLowerCase()}`
        response.status(422)
        return view.render('pages/learning/cancel', {
          ...this.cancelPage(current),
          errors: { enrolment: [message] },
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
    const enrolment = await Enrolment.query()
      .where('id', idParam(params.id))
      .where('user_id', user.id)
      .whereIn('status', [EnrolmentStatuses.Booked, EnrolmentStatuses.Attended])
      .preload('session', (session) => session.preload('course'))
      .first()
    if (!enrolment) throw new RecordNotFoundException()
    const { session } = enrolment
    const day = session.startsAt.setZone(UK_ZONE).toISODate()
    const filename = `${session.course.code}-${day}`.replace(/[^A-Za-z0-9-]/g, '-')
    response.header('Content-Type', 'text/calendar; charset=utf-8')
    response.header('Content-Disposition', `attachment; filename="${filename}.ics"`)
    return response.send(sessionInvite(session, session.course))
  }

  private async enrolPage(user: User, sessionId: number) {
    const offer = await sessionOffer(sessionId, user.id)
    if (!offer) throw new RecordNotFoundException()
    const lineManager = user.lineManagerId
      ? await User.query().where('id', user.lineManagerId).select('id', 'full_name').first()
      : null
    const holding = offer.existing ? null : await courseHolding(user.id, offer.course.id)
    return {
      offer,
      cost: formatCost(offer.course.costPence),
      heldText: holding ? courseHeldMessage(holding, offer.course.title) : null,
      lineManagerName: lineManager?.fullName ?? null,
      statusLabels: enrolmentStatusLabels,
      refusalText: offer.refusal
        ? refusalMessage(offer.refusal, offer.session.bookingClosesOn)
        : offer.course.requiresApproval && !lineManager
          ? refusalMessage('no_line_manager', offer.session.bookingClosesOn)
          : null,
    }
  }

  private async enrolledMessage(
    result: { type: 'booked' | 'waitlisted' | 'requested'; enrolment: Enrolment },
    user: User,
    offer: SessionOffer
  ) {
    switch (result.type) {
      case 'booked':
        return `You are booked on ${offer.course.title}, ${offer.session.when}`
      case 'waitlisted':
        return `You are number ${result.enrolment.waitlistPosition} on the waiting list for ${offer.course.title}`
      case 'requested': {
        const manager = await User.query().where('id', user.lineManagerId!).first()
        return `Your request has been sent to ${manager?.fullName ?? 'your line manager'}`
      }
      default: {
        const unreachable: never = result.type
        return unreachable
      }
    }
  }

  /* The learner's own enrolment; anyone else's answers 404, as if it did not exist. */
  private async own(user: User, id: unknown) {
    const enrolment = await ownEnrolment(user.id, idParam(id))
    if (!enrolment) throw new RecordNotFoundException()
    return enrolment
  }

  private cancelPage(enrolment: NonNullable<Awaited<ReturnType<typeof ownEnrolment>>>) {
    return {
      enrolment,
      words: cancelWords[enrolment.status] ?? null,
      statusLabel: enrolmentStatusLabels[enrolment.status],
    }
  }
}
