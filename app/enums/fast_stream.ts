/*
 * Fast Stream vocabulary: programmes, clearances, round and placement statuses.
 */
import { namedValues } from '#enums/short_strings'
import { PROGRAMME_RULES, PROGRAMME_WORDS, type Programme } from '#domain/fast_stream/programmes'
import { gradeLabels, type Grade } from '#enums/grades'

export { CLEARANCES as clearanceValues, type Clearance } from '#domain/fast_stream/round'
export { PROGRAMMES as programmeValues, type Programme } from '#domain/fast_stream/programmes'

/* Each programme's name (see programmeWords for the rest of its wording). */
export const programmeLabels: Record<Programme, string> = {
  fast_stream: PROGRAMME_WORDS.fast_stream.name,
  future_leaders: PROGRAMME_WORDS.future_leaders.name,
}

/* "Grade 7 or Grade 6": the grades a programme takes, for people to read; null when it takes any. */
export function gradesTakenInWords(programme: Programme) {
  const grades = PROGRAMME_RULES[programme].grades
  if (!grades) return null
  const names = grades.map((grade) => gradeLabels[grade as Grade] ?? grade)
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]
}

/* A person's grade for people to read, or that none is recorded. */
export function gradeInWords(grade: string | null) {
  return grade ? `at ${gradeLabels[grade as Grade] ?? grade}` : 'with no grade recorded'
}

export const clearanceLabels = {
  BPSS: 'Baseline (BPSS)',
  CTC: 'Counter-terrorist check (CTC)',
  SC: 'Security check (SC)',
  DV: 'Developed vetting (DV)',
} as const

export const RoundStatuses = {
  Open: 'open',
  Closed: 'closed',
  Matched: 'matched',
  Published: 'published',
} as const
export type RoundStatus = (typeof RoundStatuses)[keyof typeof RoundStatuses]
export const roundStatusValues = namedValues(RoundStatuses)
export const roundStatusLabels: Record<RoundStatus, string> = {
  open: 'Open',
  closed: 'Closed to preferences',
  matched: 'Matched, not published',
  published: 'Published',
}

export const PlacementStatuses = {
  Offered: 'offered',
  Approved: 'approved',
  Rejected: 'rejected',
  Withdrawn: 'withdrawn',
} as const
export type PlacementStatus = (typeof PlacementStatuses)[keyof typeof PlacementStatuses]
export const placementStatusValues = namedValues(PlacementStatuses)
export const placementStatusLabels: Record<PlacementStatus, string> = {
  offered: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Not approved',
  withdrawn: 'Withdrawn',
}

/* How an entrant came out of a round's match: the results' filter and the API's. */
export const MATCH_OUTCOMES = ['matched', 'unmatched', 'adjusted'] as const
export type MatchOutcome = (typeof MATCH_OUTCOMES)[number]
export const matchOutcomeLabels: Record<MatchOutcome, string> = {
  matched: 'Matched',
  unmatched: 'Not matched',
  adjusted: 'Moved by hand',
}

/* The orders entrants may list placements in while choosing. */
export const placementSorts = ['title', 'start', 'department', 'capacity'] as const
export type PlacementSort = (typeof placementSorts)[number]
export const placementSortLabels: Record<PlacementSort, string> = {
  title: 'Title',
  start: 'Start date, soonest first',
  department: 'Department',
  capacity: 'Places, most first',
}
