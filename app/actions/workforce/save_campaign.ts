import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import RecruitmentCampaign from '#models/recruitment_campaign'
import type { OrganisationScope } from '#services/organisation_scope'
import type { CampaignStage } from '#enums/workforce'

export type CampaignInput = {
  organisationId: number
  roleProfileId: number
  title: string
  posts: number
  grade?: string | null
  location?: string | null
  stage: CampaignStage
  hires?: number | null
  plannedOn?: Date | null
  advertisedOn?: Date | null
  siftingOn?: Date | null
  interviewingOn?: Date | null
  offersOn?: Date | null
  closedOn?: Date | null
}

export type SaveCampaignResult =
  | { type: 'saved'; campaign: RecruitmentCampaign }
  | { type: 'organisation_not_found' }
  | { type: 'role_not_found' }
  | { type: 'stage_backwards'; from: CampaignStage }
  | { type: 'too_many_hires' }
  | { type: 'no_hires' }
  | { type: 'dates_out_of_order'; field: DateField }

/* The stage order a campaign moves through; "closed" (unfilled) may end it from any open stage. */
export const STAGE_ORDER: CampaignStage[] = [
  'planned',
  'advertised',
  'sifting',
  'interviewing',
  'offers',
  'filled',
]

type DateField =
  'plannedOn' | 'advertisedOn' | 'siftingOn' | 'interviewingOn' | 'offersOn' | 'closedOn'

/* Each stage's date column: filled and closed unfilled both end the campaign on closed_on. */
export const STAGE_DATE: Record<CampaignStage, DateField> = {
  planned: 'plannedOn',
  advertised: 'advertisedOn',
  sifting: 'siftingOn',
  interviewing: 'interviewingOn',
  offers: 'offersOn',
  filled: 'closedOn',
  closed: 'closedOn',
}

const DATE_FIELDS: DateField[] = [
  'plannedOn',
  'advertisedOn',
  'siftingOn',
  'interviewingOn',
  'offersOn',
  'closedOn',
]

/* Whether a campaign may go from one stage to another: only forward, or to closed while open. */
export function stageMoveAllowed(from: CampaignStage, to: CampaignStage) {
  if (from === to) return true
  if (from === 'filled' || from === 'closed') return false
  if (to === 'closed') return true
  return STAGE_ORDER.indexOf(to) > STAGE_ORDER.indexOf(from)
}

/* Days from advertising to filling, when the campaign is filled and both dates are known. */
export function timeToHire(campaign: {
  stage: string
  advertisedOn: DateTime | null
  closedOn: DateTime | null
}) {
  if (campaign.stage !== 'filled' || !campaign.advertisedOn || !campaign.closedOn) return null
  return Math.round(
    campaign.closedOn.startOf('day').diff(campaign.advertisedOn.startOf('day'), 'days').days
  )
}

const toDate = (value: Date | null | undefined) =>
  value ? DateTime.fromJSDate(value).startOf('day') : null

/*
 * Adds a recruitment campaign or moves one on. Reaching a stage records its
 * date (today unless one is given); stages only move forward, except to
 * closed unfilled; hires never exceed posts, and a filled campaign has hired.
 */
export async function saveCampaign(
  scope: OrganisationScope,
  input: CampaignInput,
  existing?: RecruitmentCampaign
): Promise<SaveCampaignResult> {
  if (!(await scope.includes(input.organisationId))) return { type: 'organisation_not_found' }
  const role = await db.from('role_profiles').where('id', input.roleProfileId).select('id').first()
  if (!role) return { type: 'role_not_found' }

  if (existing && !stageMoveAllowed(existing.stage, input.stage)) {
    return { type: 'stage_backwards', from: existing.stage }
  }
  const hires = input.hires ?? 0
  if (hires > input.posts) return { type: 'too_many_hires' }
  if (input.stage === 'filled' && hires < 1) return { type: 'no_hires' }

  const dates = Object.fromEntries(
    DATE_FIELDS.map((field) => [field, toDate(input[field])])
  ) as Record<DateField, DateTime | null>
  const stageField = STAGE_DATE[input.stage]
  if (!dates[stageField] && (!existing || existing.stage !== input.stage)) {
    dates[stageField] = DateTime.now().startOf('day')
  }
  if (!dates[stageField] && existing) dates[stageField] = existing[stageField]

  let previous: DateTime | null = null
  for (const field of DATE_FIELDS) {
    const value = dates[field]
    if (!value) continue
    if (previous && value < previous) return { type: 'dates_out_of_order', field }
    previous = value
  }

  return db.transaction(async (trx) => {
    const campaign = existing ?? new RecruitmentCampaign()
    campaign.useTransaction(trx)
    campaign.merge({
      organisationId: input.organisationId,
      roleProfileId: input.roleProfileId,
      title: input.title.trim(),
      posts: input.posts,
      grade: input.grade?.trim() || null,
      location: input.location?.trim() || null,
      stage: input.stage,
      hires,
      ...dates,
    })
    await campaign.save()
    return { type: 'saved' as const, campaign }
  })
}
