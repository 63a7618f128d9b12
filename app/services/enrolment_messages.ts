import type Enrolment from '#models/enrolment'
import { EnrolmentStatuses, enrolmentStatusLabels } from '#enums/learning'

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
