import type { SessionArrangements } from '#domain/learning/session_arrangements'

/*
 * What happened to an enrolment, for the notifications that follow it.
 * Emitted only after the change has been committed.
 */
export type EnrolmentChange =
  | 'requested'
  | 'approved'
  | 'declined'
  | 'booked'
  | 'waitlisted'
  | 'promoted'
  | 'cancelled'
  /* The learner gave up their own seat or waiting-list place: the course's admins are told. */
  | 'withdrawn'
  | 'session_cancelled'
  | 'completed'
  /* Someone else booked the learner (a nomination): with the place or request it made. */
  | 'nominated'

export type EnrolmentChanged = {
  enrolmentId: number
  changes: EnrolmentChange[]
  /* With 'withdrawn': the enrolments that took the seat it freed (none when nobody was waiting). */
  seatGivenTo?: number[]
}

/*
 * A course admin changed a session's time or place: the arrangements before
 * the change, for telling everyone on it. Emitted only after the commit.
 */
export type CourseSessionChanged = {
  sessionId: number
  before: SessionArrangements
  /* Enrolments promoted by the same change: their own e-mail already gives the new arrangements. */
  promoted: number[]
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'enrolment:changed': EnrolmentChanged
    'course_session:changed': CourseSessionChanged
  }
}
