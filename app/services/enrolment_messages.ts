import { DateTime } from 'luxon'
import type Enrolment from '#models/enrolment'
import { EnrolmentStatuses, enrolmentStatusLabels, type EnrolmentStatus } from '#enums/learning'
import type { CourseHolding, EnrolRefusal } from '#domain/learning/enrolment_rules'
import type { EnrolResult } from '#actions/learning/enrol'
import { formatDayTime } from '#transformers/learning_transformer'
import { UkFormats } from '#domain/shared/uk_time'

/* Says what the learner already holds on the session, instead of a second place. */
export function alreadyEnrolledMessage(existing: Enrolment, title: string) {
  switch (existing.status) {
    case EnrolmentStatuses.Booked:
      return `You are already booked on ${title}`
    case EnrolmentStatuses.Waitlisted:
      return `You are already number ${existing.waitlistPosition} on the waiting list for ${title}`
    case EnrolmentStatuses.Requested:
      return `You have already asked to go on ${title}. Your request is waiting for your line manager`
    default:
      return `You already have a place on ${title}: ${enrolmentStatusLabels[existing.status].toLowerCase()}`
  }
}

/* "3 June 2026": the day a course was completed, from an ISO date. */
function completedOnText(isoDate: string) {
  return DateTime.fromISO(isoDate).setLocale('en-GB').toFormat(UkFormats.longDate)
}

/*
 * Says what the learner already holds of a course, on whichever session,
 * instead of a second place: the page and the API give the same words.
 */
export function courseHeldMessage(holding: CourseHolding, title: string) {
  if (holding.kind === 'completed') {
    return `You completed ${title} on ${completedOnText(holding.completedOn)}, so you cannot book it again`
  }
  const when = formatDayTime(DateTime.fromJSDate(holding.startsAt))
  switch (holding.kind) {
    case 'booked':
      return `You are already booked on ${title} for ${when}. Cancel that booking first if you want a different session`
    case 'waitlisted':
      return `You are already number ${holding.position} on the waiting list for ${title} on ${when}. Leave the waiting list first if you want a different session`
    case 'requested':
      return `You have already asked to go on ${title} on ${when}, and your request is waiting for your line manager. Withdraw it first if you want a different session`
    case 'attended':
      return `You went to ${title} on ${when}, and the course team have yet to record that you completed it`
    default: {
      const unreachable: never = holding
      return unreachable
    }
  }
}

/* What a learner holds of a course, in the few words a list shows instead of an offer to book it. */
export function holdingStateText(holding: CourseHolding) {
  if (holding.kind === 'completed') return `Completed on ${completedOnText(holding.completedOn)}`
  const when = formatDayTime(DateTime.fromJSDate(holding.startsAt))
  switch (holding.kind) {
    case 'booked':
      return `Booked for ${when}`
    case 'requested':
      return `Waiting for approval for ${when}`
    case 'waitlisted':
      return `On the waiting list for ${when}${holding.position ? `, number ${holding.position}` : ''}`
    case 'attended':
      return `Attended on ${when}, waiting for the course team to record completion`
    default: {
      const unreachable: never = holding
      return unreachable
    }
  }
}

/* Why a learner cannot enrol on a session, as the confirmation page says it. */
export function enrolRefusalMessage(
  refusal: EnrolRefusal | 'no_line_manager',
  bookingClosesOn: string
) {
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

/* What a learner gives up by cancelling, in the words of the cancel page and its message. */
export const LEARNER_CANCEL_WORDS: Partial<
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

export function learnerCancelledMessage(status: EnrolmentStatus, title: string) {
  const words = LEARNER_CANCEL_WORDS[status] ?? LEARNER_CANCEL_WORDS.booked!
  return `${words.done} ${title}`
}

/* Why a learner can no longer cancel a place themselves. */
export function notCancellableMessage(
  refusal: 'booking_closed' | 'not_cancellable',
  enrolment: { status: EnrolmentStatus; bookingClosesOn: string }
) {
  return refusal === 'booking_closed'
    ? `Booking for this session closed on ${enrolment.bookingClosesOn}, so only the course team can cancel now`
    : `This can no longer be cancelled: it is ${enrolmentStatusLabels[enrolment.status].toLowerCase()}`
}

/* The same refusal as the API words it, to a client cancelling the learner's place. */
export function notCancellableProblem(
  refusal: 'booking_closed' | 'not_cancellable',
  enrolment: { status: EnrolmentStatus }
) {
  return refusal === 'booking_closed'
    ? 'Booking for this session has closed, so only the course team can cancel now.'
    : `This enrolment is ${enrolment.status} and can no longer be cancelled.`
}

/* Why the API refuses to enrol the learner on a session. */
export const ENROL_REFUSAL_PROBLEMS: Record<EnrolRefusal | 'no_line_manager', string> = {
  booking_closed: 'Booking for this session has closed.',
  session_started: 'This session has already started.',
  session_cancelled: 'This session has been cancelled.',
  no_line_manager:
    'This course needs line manager approval, and you have no line manager on the service. Ask your HR team to add them.',
}

/* The API's answer to a learner who already has a place or a request on the session. */
export const ALREADY_ENROLLED_PROBLEM = 'You already have a place or a request on this session.'

/* What the learner is told once they have a place, are waiting for one, or have asked for one. */
export function enrolledMessage(
  result: { type: 'booked' | 'waitlisted' | 'requested'; enrolment: Enrolment },
  offer: { course: { title: string }; session: { when: string } },
  lineManagerName: string | null
) {
  switch (result.type) {
    case 'booked':
      return `You are booked on ${offer.course.title}, ${offer.session.when}`
    case 'waitlisted':
      return `You are number ${result.enrolment.waitlistPosition} on the waiting list for ${offer.course.title}`
    case 'requested':
      return `Your request has been sent to ${lineManagerName ?? 'your line manager'}`
    default: {
      const unreachable: never = result.type
      return unreachable
    }
  }
}

/* What booking a course from the gap view tells the learner, about the course by its title. */
export function gapEnrolMessage(
  result: Exclude<EnrolResult, { type: 'session_not_found' }>,
  title: string,
  startsAt: DateTime,
  lineManagerName: string | null
): ['success' | 'error', string] {
  switch (result.type) {
    case 'booked':
      return ['success', `You are booked on ${title}, ${formatDayTime(startsAt)}`]
    case 'waitlisted':
      return [
        'success',
        `You are number ${result.enrolment.waitlistPosition} on the waiting list for ${title}`,
      ]
    case 'requested':
      return [
        'success',
        `Your request to go on ${title} has been sent to ${lineManagerName ?? 'your line manager'}`,
      ]
    case 'already_enrolled':
      return ['success', alreadyEnrolledMessage(result.enrolment, title)]
    case 'course_completed':
    case 'already_on_course':
      return ['error', courseHeldMessage(result.holding, title)]
    case 'booking_closed':
      return [
        'error',
        `Booking for ${title} on ${formatDayTime(startsAt)} has closed. Choose another session`,
      ]
    case 'session_started':
      return ['error', `This session of ${title} has already started. Choose another session`]
    case 'session_cancelled':
      return ['error', `This session of ${title} has been cancelled. Choose another session`]
    case 'no_line_manager':
      return [
        'error',
        `${title} needs your line manager’s approval, but the service does not know who your line manager is. Ask your HR team to add them`,
      ]
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}
