import { DateTime } from 'luxon'
import type Enrolment from '#models/enrolment'
import { EnrolmentStatuses, enrolmentStatusLabels } from '#enums/learning'
import type { CourseHolding } from '#domain/learning/enrolment_rules'
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
