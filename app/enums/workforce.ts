/*
 * The workforce area's short-string states and kinds.
 */
import { labelledValues } from '#enums/short_strings'
export const planStatusLabels = {
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Returned',
  approved: 'Approved',
} as const
export type PlanStatus = keyof typeof planStatusLabels
export const planStatusValues = labelledValues(planStatusLabels)

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
export const campaignStageValues = labelledValues(campaignStageLabels)

export const gapSeverityLabels = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
} as const
export type GapSeverity = keyof typeof gapSeverityLabels
export const gapSeverityValues = labelledValues(gapSeverityLabels)

export const gapMitigationLabels = {
  recruit: 'Recruit',
  train: 'Train',
  contract: 'Contract',
  share: 'Share with another department',
} as const
export type GapMitigation = keyof typeof gapMitigationLabels
export const gapMitigationValues = labelledValues(gapMitigationLabels)

export const gapStatusLabels = {
  suggested: 'Suggested',
  open: 'Open',
  in_progress: 'In progress',
  closed: 'Closed',
  dismissed: 'Dismissed',
} as const
export type GapStatus = keyof typeof gapStatusLabels
export const gapStatusValues = labelledValues(gapStatusLabels)

export const GapKinds = { Headcount: 'headcount', Skill: 'skill' } as const
export type GapKind = (typeof GapKinds)[keyof typeof GapKinds]

export const servicePhaseLabels = {
  discovery: 'Discovery',
  alpha: 'Alpha',
  beta: 'Beta',
  live: 'Live',
} as const
export type ServicePhase = keyof typeof servicePhaseLabels
export const servicePhaseValues = labelledValues(servicePhaseLabels)

/* The strategy's threshold: services above it need a named, trained Service Manager. */
export const SERVICE_MANAGER_THRESHOLD = 100_000

/* "2013–14" for the financial year starting in 2013. */
export function financialYearLabel(startYear: number) {
  return `${startYear}–${String((startYear + 1) % 100).padStart(2, '0')}`
}
