import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { OrganisationScope } from '#services/organisation_scope'
import type { CampaignStage } from '#enums/workforce'
import { timeToHire } from '#actions/workforce/save_campaign'
import { dateFromSql } from '#domain/shared/uk_time'

export type CampaignFilters = {
  /* An organisation in scope, with its subtree. */
  organisation?: { id: number; path: string }
  roleProfileId?: number
  stage?: CampaignStage
}

export type CampaignRow = {
  id: number
  organisationId: number
  organisationName: string
  roleProfileId: number
  roleProfileName: string
  title: string
  posts: number
  hires: number
  grade: string | null
  location: string | null
  stage: CampaignStage
  plannedOn: DateTime | null
  advertisedOn: DateTime | null
  siftingOn: DateTime | null
  interviewingOn: DateTime | null
  offersOn: DateTime | null
  closedOn: DateTime | null
  /* Days from advertised to filled; null unless filled with both dates. */
  timeToHire: number | null
}

/* Campaigns in scope and filters, with their organisation and role profile names. */
function campaignsBase(scope: OrganisationScope, filters: CampaignFilters) {
  const query = scope
    .apply(db.from('recruitment_campaigns as c'), 'c.organisation_id')
    .join('organisations as o', 'o.id', 'c.organisation_id')
    .join('role_profiles as rp', 'rp.id', 'c.role_profile_id')
  if (filters.organisation) query.whereIn('c.organisation_id', subtreeIds(filters.organisation))
  if (filters.roleProfileId) query.where('c.role_profile_id', filters.roleProfileId)
  if (filters.stage) query.where('c.stage', filters.stage)
  return query
}

/* The ids of an organisation and everything under it. */
export function subtreeIds(organisation: { id: number; path: string }) {
  const { id, path } = organisation
  return db
    .from('organisations')
    .where((where) => where.where('id', id).orWhere('path', 'like', `${path}${id}/%`))
    .select('id')
}

function toRow(row: any): CampaignRow {
  const campaign = {
    id: Number(row.id),
    organisationId: Number(row.organisation_id),
    organisationName: String(row.organisation_name),
    roleProfileId: Number(row.role_profile_id),
    roleProfileName: String(row.role_profile_name),
    title: String(row.title),
    posts: Number(row.posts),
    hires: Number(row.hires),
    grade: row.grade ?? null,
    location: row.location ?? null,
    stage: row.stage as CampaignStage,
    plannedOn: dateFromSql(row.planned_on),
    advertisedOn: dateFromSql(row.advertised_on),
    siftingOn: dateFromSql(row.sifting_on),
    interviewingOn: dateFromSql(row.interviewing_on),
    offersOn: dateFromSql(row.offers_on),
    closedOn: dateFromSql(row.closed_on),
    timeToHire: null as number | null,
  }
  campaign.timeToHire = timeToHire(campaign)
  return campaign
}

const COLUMNS = [
  'c.id',
  'c.organisation_id',
  'o.name as organisation_name',
  'c.role_profile_id',
  'rp.name as role_profile_name',
  'c.title',
  'c.posts',
  'c.hires',
  'c.grade',
  'c.location',
  'c.stage',
  'c.planned_on',
  'c.advertised_on',
  'c.sifting_on',
  'c.interviewing_on',
  'c.offers_on',
  'c.closed_on',
]

/* One page of campaigns, newest first, with the total. */
export async function campaignsPage(
  scope: OrganisationScope,
  filters: CampaignFilters,
  page = 1,
  perPage = 25
) {
  const result = await campaignsBase(scope, filters)
    .select(COLUMNS)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .paginate(page, perPage)
  const meta = result.getMeta()
  return { rows: result.all().map(toRow), meta }
}

/* Every campaign in scope and filters, for the CSV export and the pipeline. */
export async function allCampaigns(
  scope: OrganisationScope,
  filters: CampaignFilters,
  limit?: number
) {
  const query = campaignsBase(scope, filters)
    .select(COLUMNS)
    .orderBy('o.name')
    .orderBy('c.title')
    .orderBy('c.id')
  if (limit) query.limit(limit)
  const rows = await query
  return rows.map(toRow)
}

/* How many campaigns, posts and hires there are at each stage, counted in the database. */
export async function campaignStageCounts(scope: OrganisationScope, filters: CampaignFilters) {
  const rows = await campaignsBase(scope, filters)
    .groupBy('c.stage')
    .select('c.stage')
    .count('* as campaigns')
    .sum('c.posts as posts')
    .sum('c.hires as hires')
  return new Map(
    rows.map((row) => [
      row.stage as CampaignStage,
      {
        campaigns: Number(row.campaigns),
        posts: Number(row.posts ?? 0),
        hires: Number(row.hires ?? 0),
      },
    ])
  )
}

/* The median of a list of numbers (the mean of the middle two when even). */
export function median(values: number[]) {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/*
 * The median time to hire per organisation, over filled campaigns in scope
 * and filters. Only the two dates of filled campaigns are read: the median
 * has no portable SQL form on both SQLite and MySQL.
 */
export async function medianTimeToHire(scope: OrganisationScope, filters: CampaignFilters) {
  const rows = await campaignsBase(scope, { ...filters, stage: 'filled' })
    .whereNotNull('c.advertised_on')
    .whereNotNull('c.closed_on')
    .select('c.organisation_id', 'o.name as organisation_name', 'c.advertised_on', 'c.closed_on')
  const byOrganisation = new Map<number, { name: string; days: number[] }>()
  for (const row of rows) {
    const days = timeToHire({
      stage: 'filled',
      advertisedOn: dateFromSql(row.advertised_on),
      closedOn: dateFromSql(row.closed_on),
    })
    if (days === null) continue
    const id = Number(row.organisation_id)
    const entry = byOrganisation.get(id) ?? { name: String(row.organisation_name), days: [] }
    entry.days.push(days)
    byOrganisation.set(id, entry)
  }
  return [...byOrganisation.entries()]
    .map(([id, entry]) => ({
      organisationId: id,
      organisationName: entry.name,
      filled: entry.days.length,
      medianDays: median(entry.days)!,
    }))
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'en-GB'))
}
