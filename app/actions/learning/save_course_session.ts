import { DateTime } from 'luxon'
import CourseSession from '#models/course_session'
import type Course from '#models/course'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { SessionInput } from '#validators/learning_admin'
import { EnrolmentStatuses, SessionStatuses } from '#enums/learning'
import { arrangementsDiffer, arrangementsOf } from '#domain/learning/session_arrangements'
import {
  announceAfterCommit,
  announceSessionChangeAfterCommit,
  bookedSeats,
  lockSession,
  promoteFromWaitlist,
  seatTransaction,
} from '#actions/learning/seat_allocation'

export type SessionField = 'startsAt' | 'endsAt' | 'bookingClosesAt' | 'venue' | 'capacity'
/* A broken rule: a short name for programs, and a message for people. */
export type SessionProblem = {
  rule: 'future' | 'afterStart' | 'beforeStart' | 'venueOrLink' | 'notBelowBooked'
  message: string
}
export type SessionErrors = Partial<Record<SessionField, SessionProblem>>

/* The active people holding or waiting for a place on a session: those a change is told to. */
async function peopleOnSession(trx: TransactionClientContract, sessionId: number) {
  const row = await trx
    .from('enrolments')
    .join('users', 'users.id', 'enrolments.user_id')
    .where('enrolments.session_id', sessionId)
    .whereIn('enrolments.status', [
      EnrolmentStatuses.Booked,
      EnrolmentStatuses.Waitlisted,
      EnrolmentStatuses.Requested,
    ])
    .whereNull('users.deactivated_at')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

export type SaveSessionResult =
  | {
      type: 'saved'
      session: CourseSession
      promoted: number[]
      /* How many people are being e-mailed that the session moved (0 when it did not). */
      told: number
    }
  | { type: 'invalid'; errors: SessionErrors }
  | { type: 'session_cancelled' }
  /* A self-paced course has modules, not sessions. */
  | { type: 'course_self_paced' }

/*
 * Adds a session to a course or changes one, in one transaction under the
 * session lock, so the capacity check sees every booking. The rules: a new
 * session (or a moved one) starts in the future, ends after it starts,
 * closes for booking no later than the start, has a venue or an online
 * link, and never has fewer places than people already booked. Raising the
 * capacity gives the new places to the front of the waiting list. Moving
 * the session in time or place raises its invite sequence in the same
 * transaction and, once committed, tells everyone on it.
 */
export async function saveCourseSession(
  course: Course,
  input: SessionInput,
  existing?: CourseSession,
  now = DateTime.now()
): Promise<SaveSessionResult> {
  if (course.delivery === 'self_paced') return { type: 'course_self_paced' }
  return seatTransaction(async (trx): Promise<SaveSessionResult> => {
    // The lock comes first, so the booked count below sees every committed booking.
    const locked = existing ? await lockSession(trx, existing.id) : null
    if (locked?.status === SessionStatuses.Cancelled) return { type: 'session_cancelled' }
    const booked = locked ? await bookedSeats(trx, locked.id) : 0

    const closes = input.bookingClosesAt ?? input.startsAt.minus({ days: 1 })
    const moved = !locked || +locked.startsAt !== +input.startsAt
    const closingMoved = !locked || +locked.bookingClosesAt !== +closes
    const errors: SessionErrors = {}
    if (moved && input.startsAt <= now) {
      errors.startsAt = { rule: 'future', message: 'The session must start in the future' }
    }
    if (input.endsAt <= input.startsAt) {
      errors.endsAt = { rule: 'afterStart', message: 'The session must end after it starts' }
    }
    if (input.bookingClosesAt && input.bookingClosesAt > input.startsAt) {
      errors.bookingClosesAt = {
        rule: 'beforeStart',
        message: 'Booking must close before the session starts',
      }
    } else if (!errors.startsAt && closingMoved && closes <= now) {
      errors.bookingClosesAt = {
        rule: 'future',
        message: input.bookingClosesAt
          ? 'Booking must close in the future'
          : 'Enter when booking closes: a day before the start has already passed',
      }
    }
    if (!input.venue && !input.onlineUrl) {
      errors.venue = { rule: 'venueOrLink', message: 'Enter a venue or an online link' }
    }
    if (input.capacity < booked) {
      errors.capacity = {
        rule: 'notBelowBooked',
        message: `Capacity cannot be less than the ${booked} ${booked === 1 ? 'person' : 'people'} already booked`,
      }
    }
    if (Object.keys(errors).length) return { type: 'invalid', errors }

    const before = locked ? arrangementsOf(locked) : null
    const rearranged = before !== null && arrangementsDiffer(before, arrangementsOf(input))
    const session = locked ?? new CourseSession()
    // An unchanged instant keeps its DateTime, so the trail records only real changes.
    const instant = (current: DateTime | undefined, next: DateTime) =>
      current && +current === +next ? current : next.toUTC()
    session.useTransaction(trx)
    const { startsAt, endsAt, bookingClosesAt, ...place } = input
    session.merge({
      ...place,
      courseId: course.id,
      startsAt: instant(locked?.startsAt, startsAt),
      endsAt: instant(locked?.endsAt, endsAt),
      bookingClosesAt: instant(locked?.bookingClosesAt, closes),
    })
    if (!locked) session.status = SessionStatuses.Scheduled
    if (locked && rearranged) session.inviteSequence = locked.inviteSequence + 1
    await session.save()

    const promoted = locked && session.startsAt > now ? await promoteFromWaitlist(trx, session) : []
    for (const id of promoted) announceAfterCommit(trx, id, ['promoted'])
    // Nobody needs telling about a session that is already over.
    let told = 0
    if (before && rearranged && session.endsAt > now) {
      announceSessionChangeAfterCommit(trx, { sessionId: session.id, before, promoted })
      told = await peopleOnSession(trx, session.id)
    }
    return { type: 'saved', session, promoted, told }
  })
}
