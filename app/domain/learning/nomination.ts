/*
 * Nomination: a line manager or HR books people on a session on their
 * behalf. Which people a nominator may book, whether their say counts as
 * the line manager's approval, and what can happen to each person named.
 * Pure: no framework imports.
 */

/* How the nominator chose the people. */
export const nominationSourceLabels = {
  reports: 'Your direct reports',
  team: 'A team',
  emails: 'E-mail addresses',
  selection: 'People ticked on the people list',
  csv: 'A CSV file of e-mail addresses',
  api: 'The API',
} as const
export type NominationSource = keyof typeof nominationSourceLabels

/* What happened to one person a nomination named. */
export const NOMINATION_OUTCOMES = [
  'booked',
  'waitlisted',
  'started',
  'already_enrolled',
  'already_on_course',
  'course_completed',
  'booking_closed',
  'session_started',
  'session_cancelled',
  'course_not_published',
  'not_your_report',
  'unknown_email',
  'invalid_email',
  'duplicate',
  'deactivated',
] as const
export type NominationOutcome = (typeof NOMINATION_OUTCOMES)[number]

/* The outcomes that gave the person a place (on a self-paced course: started it) or a waiting-list place. */
export const PLACED_OUTCOMES = ['booked', 'waitlisted', 'started'] as const

/*
 * How a result page groups its people: those placed, those who already
 * held the course (told, not booked twice), and those refused.
 */
export type OutcomeGroup = 'booked' | 'waitlisted' | 'already' | 'refused'

export function outcomeGroup(outcome: NominationOutcome): OutcomeGroup {
  switch (outcome) {
    case 'booked':
    case 'started':
      return 'booked'
    case 'waitlisted':
      return 'waitlisted'
    case 'already_enrolled':
    case 'already_on_course':
    case 'course_completed':
      return 'already'
    default:
      return 'refused'
  }
}

/* The people a nominator may book, as facts about one person. */
export type Reach = {
  /* The person reports to the nominator. */
  isReport: boolean
  /* The person belongs to an organisation in the nominator's HR scope (always false without one). */
  inScope: boolean
  /* The nominator has an HR scope (department HR or a capability admin). */
  hasScope: boolean
}

/*
 * Whether a nominator may book a person: their direct reports, and for HR
 * the people of their organisations. Someone an HR nominator may not book
 * is treated as someone who does not exist (another department's people
 * are never shown to them); a line manager without an HR scope is told
 * the person is not one of their reports.
 */
export function reachRefusal(reach: Reach): 'not_your_report' | 'unknown' | null {
  if (reach.isReport || reach.inScope) return null
  return reach.hasScope ? 'unknown' : 'not_your_report'
}

/* A plain check of an e-mail address's shape, for rows of a file: something@something.something. */
export function looksLikeEmail(text: string) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 254
}
