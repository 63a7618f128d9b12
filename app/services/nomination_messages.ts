import type { NominationOutcome, OutcomeGroup } from '#domain/learning/nomination'

/*
 * The words for what happened to each person a nomination named: the
 * result page, its CSV and the API give the same ones.
 */

/* Why a person was, or was not, booked, in a sentence about them. */
export function nominationOutcomeText(
  outcome: NominationOutcome,
  waitlistPosition: number | null = null
) {
  switch (outcome) {
    case 'booked':
      return 'Booked'
    case 'started':
      return 'Enrolled: they can start the course now'
    case 'waitlisted':
      return waitlistPosition
        ? `The session is full: number ${waitlistPosition} on the waiting list`
        : 'The session is full: on the waiting list'
    case 'already_enrolled':
      return waitlistPosition
        ? `Already number ${waitlistPosition} on the waiting list for this session: not booked again`
        : 'Already has a place on this session: not booked again'
    case 'already_on_course':
      return 'Already has a place, request or waiting-list place on this course: not booked again'
    case 'course_completed':
      return 'Has already completed this course'
    case 'booking_closed':
      return 'Booking for this session has closed'
    case 'session_started':
      return 'This session has already started'
    case 'session_cancelled':
      return 'This session has been cancelled'
    case 'course_not_published':
      return 'The course is not published, so nobody can be booked on it'
    case 'not_your_report':
      return 'Not one of your direct reports, so you cannot book them'
    case 'unknown_email':
      return 'Nobody you can book has this e-mail address'
    case 'invalid_email':
      return 'This is not an e-mail address'
    case 'duplicate':
      return 'Named more than once: booked only once'
    case 'deactivated':
      return 'Their account is deactivated, so they cannot be booked'
    default: {
      const unreachable: never = outcome
      return unreachable
    }
  }
}

/* The verb a result uses: people are booked on a session, enrolled on a self-paced course. */
export type NominationVerb = 'booked' | 'enrolled'

/* The heading of each group on the result page. */
export function outcomeGroupHeadings(verb: NominationVerb): Record<OutcomeGroup, string> {
  return {
    booked: verb === 'booked' ? 'Booked' : 'Enrolled',
    waitlisted: 'On the waiting list',
    already: 'Already on the course',
    refused: verb === 'booked' ? 'Not booked' : 'Not enrolled',
  }
}

/* The result's one-line summary: "3 booked, 1 on the waiting list, 2 not booked". */
export function nominationSummary(counts: Record<OutcomeGroup, number>, verb: NominationVerb) {
  const parts = [
    `${counts.booked} ${verb}`,
    ...(counts.waitlisted ? [`${counts.waitlisted} on the waiting list`] : []),
    ...(counts.already ? [`${counts.already} already on the course`] : []),
    `${counts.refused} not ${verb}`,
  ]
  return parts.join(', ')
}

/* What the API says when a person named by id is not one the caller may see. */
export const PERSON_NOT_FOUND_PROBLEM = (userId: number) =>
  `There is no person with id ${userId} that you can book.`

export const COURSE_NOT_PUBLISHED_PROBLEM =
  'The course is not published, so nobody can be booked on it.'
