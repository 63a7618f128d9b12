/*
 * Fast Stream vocabulary: clearances, round and placement statuses.
 */
export { CLEARANCES as clearanceValues, type Clearance } from '#domain/fast_stream/round'

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
export const roundStatusValues = Object.values(RoundStatuses) as RoundStatus[]
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
export const placementStatusValues = Object.values(PlacementStatuses) as PlacementStatus[]
export const placementStatusLabels: Record<PlacementStatus, string> = {
  offered: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Not approved',
  withdrawn: 'Withdrawn',
}
