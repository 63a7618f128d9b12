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
  | 'session_cancelled'
  | 'completed'

export type EnrolmentChanged = { enrolmentId: number; changes: EnrolmentChange[] }

declare module '@adonisjs/core/types' {
  interface EventsList {
    'enrolment:changed': EnrolmentChanged
  }
}
