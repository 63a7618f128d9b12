/*
 * Strategy action 01: every department and transactional agency board has
 * a Digital Leader. Naming someone is not enough: the person must be active,
 * in the Senior Civil Service, sit on the board, hold the Digital Leader role
 * profile and have completed the Digital Leaders' course. Pure: no framework
 * imports; the compliance query gathers the facts in SQL.
 */
import type { Grade } from '../../enums/grades.js'
import { labelledValues } from '../../enums/short_strings.js'

/* The grades of the Senior Civil Service, the only ones a Digital Leader may hold. */
export const SENIOR_CIVIL_SERVICE_GRADES: readonly Grade[] = ['SCS1', 'SCS2', 'SCS3', 'SCS4']

/* The role profile a Digital Leader holds, whose mandatory courses they must complete. */
export const DIGITAL_LEADER_PROFILE = 'Digital Leader'

/*
 * Where an organisation stands, in the order its failings are reported:
 * the first that applies wins. Who is named comes first (the wrong person
 * cannot be fixed by training), then the board, the role and the course.
 */
export const digitalLeaderStateLabels = {
  none_named: 'No Digital Leader named',
  not_scs: 'Digital Leader is not in the Senior Civil Service',
  not_on_board: 'Digital Leader does not sit on the board',
  not_in_role: 'Digital Leader does not hold the Digital Leader role',
  not_trained: 'Digital Leader has not completed the Digital Leaders’ course',
  training_booked: 'Digital Leaders’ course booked',
  compliant: 'Compliant',
} as const
export type DigitalLeaderState = keyof typeof digitalLeaderStateLabels
export const digitalLeaderStates = labelledValues(digitalLeaderStateLabels)

/* What is known about an organisation's Digital Leader. */
export type DigitalLeaderFacts = {
  /* The person named, or null when nobody is. */
  leader: { name: string; active: boolean; grade: Grade | string | null } | null
  /* HR confirmed the person sits on the organisation's board. */
  onBoard: boolean
  /* The person holds a current role level in the Digital Leader role profile. */
  holdsRole: boolean
  /* The published courses mandatory for the Digital Leader role profile. */
  mandatoryCourses: number
  /* How many of them the person completed (a learning record from an enrolment). */
  completedCourses: number
  /* How many of the rest they have a place, a waiting-list place or a request on. */
  bookedCourses: number
}

export function isSeniorCivilService(grade: string | null) {
  return grade !== null && (SENIOR_CIVIL_SERVICE_GRADES as readonly string[]).includes(grade)
}

/* Where the organisation stands against action 01. */
export function digitalLeaderState(facts: DigitalLeaderFacts): DigitalLeaderState {
  const { leader } = facts
  // A deactivated person has left: the board has nobody.
  if (!leader || !leader.active) return 'none_named'
  if (!isSeniorCivilService(leader.grade)) return 'not_scs'
  if (!facts.onBoard) return 'not_on_board'
  if (!facts.holdsRole) return 'not_in_role'
  // With no mandatory course defined there is nothing to show the leader is trained.
  if (facts.mandatoryCourses === 0) return 'not_trained'
  const outstanding = facts.mandatoryCourses - facts.completedCourses
  if (outstanding <= 0) return 'compliant'
  return facts.bookedCourses >= outstanding ? 'training_booked' : 'not_trained'
}

/* Only a compliant organisation meets action 01; booked training is not yet done. */
export function meetsActionOne(state: DigitalLeaderState) {
  return state === 'compliant'
}

/* Why an organisation falls short, in words, naming a deactivated leader. */
export function digitalLeaderReason(
  state: DigitalLeaderState,
  leader: DigitalLeaderFacts['leader']
): string | null {
  if (state === 'compliant') return null
  if (state === 'none_named' && leader && !leader.active) {
    return `Digital Leader ${leader.name} is deactivated`
  }
  return digitalLeaderStateLabels[state]
}
