/*
 * The enrolment state machine and the rules around it, as plain functions:
 * which changes are allowed, when a learner may still enrol or cancel.
 * Pure: no framework imports.
 */
import type { EnrolmentStatus } from '../../enums/learning.js'

export type SessionFacts = {
  status: 'scheduled' | 'cancelled'
  startsAt: Date
  bookingClosesAt: Date
}

export type EnrolRefusal = 'session_cancelled' | 'session_started' | 'booking_closed'

/* Why a learner may not enrol on a session now, or null when they may. */
export function enrolRefusal(session: SessionFacts, now: Date): EnrolRefusal | null {
  if (session.status === 'cancelled') return 'session_cancelled'
  if (session.startsAt.getTime() <= now.getTime()) return 'session_started'
  if (session.bookingClosesAt.getTime() <= now.getTime()) return 'booking_closed'
  return null
}

const TRANSITIONS: Record<EnrolmentStatus, EnrolmentStatus[]> = {
  requested: ['booked', 'waitlisted', 'declined', 'cancelled'],
  booked: ['attended', 'no_show', 'cancelled'],
  waitlisted: ['booked', 'cancelled'],
  attended: ['completed', 'no_show'],
  no_show: ['attended'],
  completed: [],
  declined: [],
  cancelled: [],
}

/* Whether an enrolment may move from one state to another. */
export function canMove(from: EnrolmentStatus, to: EnrolmentStatus) {
  return TRANSITIONS[from].includes(to)
}

/*
 * Learners give up a seat until booking closes (after that only a course
 * admin can, since the seat can no longer be refilled in time); a request
 * or a waiting-list place holds no seat, so they may withdraw it until the
 * session starts.
 */
export function learnerMayCancel(status: EnrolmentStatus, session: SessionFacts, now: Date) {
  if (!canMove(status, 'cancelled')) return false
  const deadline = status === 'booked' ? session.bookingClosesAt : session.startsAt
  return deadline.getTime() > now.getTime()
}

/* Attendance can be recorded once the session has started. */
export function attendanceMayBeMarked(session: SessionFacts, now: Date) {
  return session.status === 'scheduled' && session.startsAt.getTime() <= now.getTime()
}

/*
 * What a learner already holds of a course, whichever session it is on: an
 * active enrolment (a request, a seat, a waiting-list place, or attendance
 * waiting for completion) or a completion on their learning record.
 */
export type CourseHolding =
  | {
      kind: 'requested' | 'booked' | 'waitlisted' | 'attended'
      enrolmentId: number
      sessionId: number
      startsAt: Date
      position: number | null
    }
  | { kind: 'completed'; completedOn: string }

const HOLDING_ORDER: CourseHolding['kind'][] = [
  'booked',
  'attended',
  'waitlisted',
  'requested',
  'completed',
]

/*
 * The one holding a page names when a learner holds several: a place they
 * still have comes before a request or a past completion.
 */
export function strongestHolding(holdings: CourseHolding[]): CourseHolding | null {
  let best: CourseHolding | null = null
  for (const holding of holdings) {
    if (!best || HOLDING_ORDER.indexOf(holding.kind) < HOLDING_ORDER.indexOf(best.kind)) {
      best = holding
    }
  }
  return best
}

export type CourseRefusal = 'course_completed' | 'already_on_course'

/*
 * Why a learner may not ask for a place on a course they already hold:
 * one completion is enough (a second would cost again for nothing), and
 * one place, request or waiting-list place per course at a time.
 */
export function courseRefusal(holding: CourseHolding | null): CourseRefusal | null {
  if (!holding) return null
  return holding.kind === 'completed' ? 'course_completed' : 'already_on_course'
}

export type CompletionDateRefusal = 'completion_before_start' | 'completion_in_future'

/*
 * The day a completion goes on the learning record, as ISO dates in UK
 * time: the session's last day unless the course admin gives another, and
 * never a day still to come (a session may be marked before it ends).
 */
export function defaultCompletionDate(sessionLastDay: string, today: string) {
  return sessionLastDay < today ? sessionLastDay : today
}

/* Why a completion cannot be recorded on a day: before the session's first day, or after today. */
export function completionDateRefusal(
  completedOn: string,
  sessionFirstDay: string,
  today: string
): CompletionDateRefusal | null {
  if (completedOn < sessionFirstDay) return 'completion_before_start'
  if (completedOn > today) return 'completion_in_future'
  return null
}
