/*
 * The shape of one placement round as the matching engine sees it:
 * entrants with their ranked placements, placements with their capacity
 * and their team's ranking, and the rules that decide who may go where.
 * Pure: no framework imports.
 */

/* Security clearance levels, lowest first: a higher level satisfies a lower requirement. */
export const CLEARANCES = ['BPSS', 'CTC', 'SC', 'DV'] as const

export type Clearance = (typeof CLEARANCES)[number]

const CLEARANCE_LEVEL: Record<Clearance, number> = { BPSS: 0, CTC: 1, SC: 2, DV: 3 }

/* The position of a clearance in the order BPSS < CTC < SC < DV, or -1 when it is not one. */
export function clearanceLevel(clearance: string): number {
  return Object.hasOwn(CLEARANCE_LEVEL, clearance) ? CLEARANCE_LEVEL[clearance as Clearance] : -1
}

export function isClearance(value: unknown): value is Clearance {
  return typeof value === 'string' && clearanceLevel(value) >= 0
}

export type Entrant = {
  id: string
  /* Placement ids, most wanted first. */
  preferences: string[]
  clearance: Clearance
  /* Departments of the entrant's earlier postings. */
  previousDepartments: string[]
  /* Whether the entrant still needs a digital placement (Digital Strategy action 04). */
  needsDigital: boolean
}

export type Placement = {
  id: string
  /* How many entrants the placement takes. */
  capacity: number
  department: string
  clearanceRequired: Clearance
  digital: boolean
  /*
   * The team's ranking of entrant ids, best first. Without it the team
   * takes its applicants in the order the entrants appear in the round.
   */
  preferences?: string[]
}

export type Rules = {
  /* Keep entrants out of departments they have already had a posting in. */
  excludePreviousDepartments: boolean
  /* Give entrants who need a digital placement only digital placements. */
  enforceDigital: boolean
  /*
   * How the reasons speak of one participant and of many: the round's
   * programme's words ("Future Leader"); "entrant" and "entrants" if not given.
   */
  participant?: Participant
}

export type Participant = { one: string; many: string }

export type RoundInput = {
  entrants: Entrant[]
  placements: Placement[]
  rules: Rules
}
