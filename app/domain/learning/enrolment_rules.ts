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
