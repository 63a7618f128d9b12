/*
 * The workforce area's short-string states and kinds.
 */
export const planStatusLabels = {
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Returned',
  approved: 'Approved',
} as const
export type PlanStatus = keyof typeof planStatusLabels

/* When a plan's figures are frozen: on sending it, and on approving it if they changed. */
export const planSnapshotStageLabels = {
  submission: 'at submission',
  approval: 'at approval',
} as const
export type PlanSnapshotStage = keyof typeof planSnapshotStageLabels

export const campaignStageLabels = {
  planned: 'Planned',
  advertised: 'Advertised',
  sifting: 'Sifting',
  interviewing: 'Interviewing',
  offers: 'Offers',
  filled: 'Filled',
  closed: 'Closed unfilled',
} as const
export type CampaignStage = keyof typeof campaignStageLabels
export const campaignStageValues = Object.keys(campaignStageLabels) as CampaignStage[]

export const gapSeverityLabels = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
} as const
export type GapSeverity = keyof typeof gapSeverityLabels
export const gapSeverityValues = Object.keys(gapSeverityLabels) as GapSeverity[]

export const gapMitigationLabels = {
  recruit: 'Recruit',
  train: 'Train',
  contract: 'Contract',
  share: 'Share with another department',
} as const
export type GapMitigation = keyof typeof gapMitigationLabels
export const gapMitigationValues = Object.keys(gapMitigationLabels) as GapMitigation[]

export const gapStatusLabels = {
  suggested: 'Suggested',
  open: 'Open',
  in_progress: 'In progress',
  closed: 'Closed',
  dismissed: 'Dismissed',
} as const
export type GapStatus = keyof typeof gapStatusLabels
export const gapStatusValues = Object.keys(gapStatusLabels) as GapStatus[]

export const GapKinds = { Headcount: 'headcount', Skill: 'skill' } as const
export type GapKind = (typeof GapKinds)[keyof typeof GapKinds]

export const servicePhaseLabels = {
  discovery: 'Discovery',
  alpha: 'Alpha',
  beta: 'Beta',
  live: 'Live',
} as const
export type ServicePhase = keyof typeof servicePhaseLabels
export const servicePhaseValues = Object.keys(servicePhaseLabels) as ServicePhase[]

/* The strategy's threshold: services above it need a named, trained Service Manager. */
export const SERVICE_MANAGER_THRESHOLD = 100_000

/* "2013–14" for the financial year starting in 2013. */
export function financialYearLabel(startYear: number) {
  return `${startYear}–${String((startYear + 1) % 100).padStart(2, '0')}`
}
