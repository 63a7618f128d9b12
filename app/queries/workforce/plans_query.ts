import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import CapabilityPlan from '#models/capability_plan'
import type { OrganisationScope } from '#services/organisation_scope'
import { RoleAssignmentKinds } from '#enums/capability'
import { instantFromSql } from '#domain/shared/uk_time'
import { financialYearLabel, type PlanSnapshotStage, type PlanStatus } from '#enums/workforce'
import {
  showsFrozenFigures,
  totalsOf,
  type FigureTotals,
  type LineFigures,
} from '#domain/workforce/plan_figures'

export type PlanFilters = {
  organisationId?: number
  year?: number
  status?: PlanStatus
  page?: number
}

export type PlanLineFigures = {
  id: number
  roleProfile: { id: number; name: string }
  postsNeeded: number
  inPost: number
  inPostComputed: number
  inPostOverridden: boolean
  overrideReason: string | null
  vacancies: number
  plannedToRecruit: number
  plannedToTrain: number
  campaignPosts: number
}

export type PlanTotals = {
  postsNeeded: number
  inPost: number
  inPostComputed: number
  vacancies: number
  plannedToRecruit: number
  plannedToTrain: number
  campaignPosts: number
}

/* Campaigns still looking for people: not yet filled and not closed. */
const OPEN_CAMPAIGN_EXCLUDED_STAGES = ['filled', 'closed']

/* The columns of a plan line (`l`, with its role profile `rp`) that its figures are worked out from. */
const PLAN_LINE_COLUMNS = [
  'l.id',
  'l.role_profile_id',
  'rp.name as role_profile_name',
  'l.posts_needed',
  'l.in_post_override',
  'l.override_reason',
  'l.planned_to_recruit',
  'l.planned_to_train',
]

/*
 * A plan line's figures from its row: in post as counted in its
 * organisation's tree unless the line overrides it, and the vacancies left.
 */
function lineFigures(row: any, inPostComputed: number, campaignPosts: number): PlanLineFigures {
  const inPostOverridden = row.in_post_override !== null
  const inPost = inPostOverridden ? Number(row.in_post_override) : inPostComputed
  const postsNeeded = Number(row.posts_needed)
  return {
    id: Number(row.id),
    roleProfile: { id: Number(row.role_profile_id), name: String(row.role_profile_name) },
    postsNeeded,
    inPost,
    inPostComputed,
    inPostOverridden,
    overrideReason: row.override_reason ?? null,
    vacancies: Math.max(0, postsNeeded - inPost),
    plannedToRecruit: Number(row.planned_to_recruit),
    plannedToTrain: Number(row.planned_to_train),
    campaignPosts,
  }
}

/* The financial year today's date falls in, as its start year (April to March). */
export function currentFinancialYear(now = new Date()) {
  return now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1
}

/* Years offered when starting a plan: a few back, two ahead. */
export function financialYearChoices(now = new Date()) {
  const current = currentFinancialYear(now)
  const years: { value: number; label: string }[] = []
  for (let year = current + 2; year >= 2010; year--) {
    years.push({ value: year, label: financialYearLabel(year) })
  }
  return years
}

/*
 * Plans in the user's scope, newest year first, with whether the next
 * year's plan has been started (so the list can offer to copy this one).
 */
export async function listPlans(scope: OrganisationScope, filters: PlanFilters, perPage = 25) {
  const query = scope
    .apply(db.from('capability_plans as p'), 'p.organisation_id')
    .join('organisations as o', 'o.id', 'p.organisation_id')
    .select(
      'p.id',
      'p.organisation_id',
      'p.financial_year',
      'p.status',
      'o.name as organisation_name'
    )
    .select(
      db
        .from('capability_plans as n')
        .whereColumn('n.organisation_id', 'p.organisation_id')
        .whereRaw('n.financial_year = p.financial_year + 1')
        .select('n.id')
        .limit(1)
        .as('next_id')
    )
    .select(
      db.from('plan_lines').whereColumn('plan_lines.plan_id', 'p.id').count('*').as('line_count')
    )
    .orderBy('p.financial_year', 'desc')
    .orderBy('o.name', 'asc')
    .orderBy('p.id', 'asc')
  if (filters.organisationId) query.where('p.organisation_id', filters.organisationId)
  if (filters.year) query.where('p.financial_year', filters.year)
  if (filters.status) query.where('p.status', filters.status)
  const page = await query.paginate(filters.page ?? 1, perPage)
  const rows = page.all().map((row: any) => ({
    id: Number(row.id),
    organisationId: Number(row.organisation_id),
    organisationName: String(row.organisation_name),
    financialYear: Number(row.financial_year),
    yearLabel: financialYearLabel(Number(row.financial_year)),
    status: row.status as PlanStatus,
    lineCount: Number(row.line_count),
    nextYearStarted: row.next_id !== null,
  }))
  return { rows, meta: page.getMeta() as { total: number; currentPage: number; lastPage: number } }
}

/* One plan with its organisation, only when it lies in the scope; null reads as "not found". */
export async function findPlanInScope(scope: OrganisationScope, id: unknown) {
  const key = Number(id)
  if (!Number.isSafeInteger(key) || key < 1) return null
  return scope.apply(CapabilityPlan.query().where('id', key)).preload('organisation').first()
}

/*
 * Every line of a plan with its figures: in post counted from the people
 * in the organisation's tree with a current role level in the profile (one
 * grouped query for all lines), the override where one is set, vacancies,
 * and posts in the tree's open recruitment campaigns (another grouped query).
 */
export async function planFigures(
  plan: Pick<CapabilityPlan, 'id' | 'organisationId'>,
  client: QueryClientContract = db.connection()
) {
  const organisation = await client
    .from('organisations')
    .where('id', plan.organisationId)
    .select('id', 'path')
    .firstOrFail()
  const treePrefix = `${organisation.path}${organisation.id}/%`

  const lineRows = await client
    .from('plan_lines as l')
    .join('role_profiles as rp', 'rp.id', 'l.role_profile_id')
    .where('l.plan_id', plan.id)
    .select(...PLAN_LINE_COLUMNS)
    .orderBy('rp.name', 'asc')
    .orderBy('l.id', 'asc')

  const inTree = (query: any, column: string) =>
    query.where((where: any) => {
      where
        .where(column, organisation.id)
        .orWhereIn(
          column,
          client.from('organisations').where('path', 'like', treePrefix).select('id')
        )
    })

  const computed = new Map<number, number>()
  const campaigns = new Map<number, number>()
  if (lineRows.length > 0) {
    const inPostQuery = client
      .from('role_assignments as ra')
      .join('role_levels as rl', 'rl.id', 'ra.role_level_id')
      .join('users as u', 'u.id', 'ra.user_id')
      .join('plan_lines as l', (join) => {
        join.on('l.role_profile_id', '=', 'rl.role_profile_id').andOnVal('l.plan_id', plan.id)
      })
      .where('ra.active_kind', RoleAssignmentKinds.Current)
      .whereNull('u.deactivated_at')
      .groupBy('rl.role_profile_id')
      .select('rl.role_profile_id')
      .countDistinct('ra.user_id as people')
    inTree(inPostQuery, 'u.organisation_id')
    for (const row of await inPostQuery) {
      computed.set(Number(row.role_profile_id), Number(row.people))
    }

    const campaignQuery = client
      .from('recruitment_campaigns as c')
      .join('plan_lines as l', (join) => {
        join.on('l.role_profile_id', '=', 'c.role_profile_id').andOnVal('l.plan_id', plan.id)
      })
      .whereNotIn('c.stage', OPEN_CAMPAIGN_EXCLUDED_STAGES)
      .groupBy('c.role_profile_id')
      .select('c.role_profile_id')
      .sum('c.posts as posts')
    inTree(campaignQuery, 'c.organisation_id')
    for (const row of await campaignQuery) {
      campaigns.set(Number(row.role_profile_id), Number(row.posts ?? 0))
    }
  }

  const lines: PlanLineFigures[] = lineRows.map((row: any) => {
    const roleProfileId = Number(row.role_profile_id)
    return lineFigures(row, computed.get(roleProfileId) ?? 0, campaigns.get(roleProfileId) ?? 0)
  })

  const totals: PlanTotals = {
    postsNeeded: 0,
    inPost: 0,
    inPostComputed: 0,
    vacancies: 0,
    plannedToRecruit: 0,
    plannedToTrain: 0,
    campaignPosts: 0,
  }
  for (const line of lines) {
    for (const key of Object.keys(totals) as (keyof PlanTotals)[]) totals[key] += line[key]
  }
  return { lines, totals }
}

export type FrozenFigures = {
  stage: PlanSnapshotStage
  takenAt: DateTime
  /* By role profile id. */
  lines: Map<number, LineFigures>
  totals: FigureTotals
}

/* A plan's latest frozen figures at each stage; null where there are none. */
export type PlanFreezes = { submission: FrozenFigures | null; approval: FrozenFigures | null }

const NO_FREEZES: PlanFreezes = { submission: null, approval: null }

/*
 * The latest frozen figures at submission and at approval of each plan
 * (ids, or a query selecting them), by plan id: one query for all.
 */
export async function frozenFiguresOf(
  planIds: number[] | DatabaseQueryBuilderContract,
  client: QueryClientContract = db.connection()
): Promise<Map<number, PlanFreezes>> {
  const latest = client
    .from('plan_snapshots')
    .whereIn('plan_id', planIds as any)
    .groupBy('plan_id', 'stage')
    .max('id as id')
  const rows = await client
    .from('plan_snapshot_lines as sl')
    .join('plan_snapshots as s', 's.id', 'sl.snapshot_id')
    .whereIn('s.id', latest)
    .select(
      's.plan_id',
      's.stage',
      's.taken_at',
      'sl.role_profile_id',
      'sl.posts_needed',
      'sl.in_post',
      'sl.in_post_computed',
      'sl.in_post_overridden',
      'sl.vacancies',
      'sl.planned_to_recruit',
      'sl.planned_to_train',
      'sl.campaign_posts'
    )
  const byPlan = new Map<number, PlanFreezes>()
  for (const row of rows) {
    const planId = Number(row.plan_id)
    const stage = row.stage as PlanSnapshotStage
    const freezes = byPlan.get(planId) ?? { submission: null, approval: null }
    const frozen = freezes[stage] ?? {
      stage,
      takenAt: instantFromSql(row.taken_at)!,
      lines: new Map<number, LineFigures>(),
      totals: totalsOf([]),
    }
    frozen.lines.set(Number(row.role_profile_id), {
      postsNeeded: Number(row.posts_needed),
      inPost: Number(row.in_post),
      inPostComputed: Number(row.in_post_computed),
      inPostOverridden: Boolean(row.in_post_overridden),
      vacancies: Number(row.vacancies),
      plannedToRecruit: Number(row.planned_to_recruit),
      plannedToTrain: Number(row.planned_to_train),
      campaignPosts: Number(row.campaign_posts),
    })
    freezes[stage] = frozen
    byPlan.set(planId, freezes)
  }
  for (const freezes of byPlan.values()) {
    for (const frozen of [freezes.submission, freezes.approval]) {
      if (frozen) frozen.totals = totalsOf([...frozen.lines.values()])
    }
  }
  return byPlan
}

/*
 * The figures a sent or approved plan was frozen with; none for drafts and
 * returned plans, which show today's figures.
 */
export async function planFreezes(plan: Pick<CapabilityPlan, 'id' | 'status'>) {
  if (!showsFrozenFigures(plan.status)) return NO_FREEZES
  const found = await frozenFiguresOf([plan.id])
  return found.get(plan.id) ?? NO_FREEZES
}

/* Role profiles in use that the plan does not have a line for yet, by name. */
export async function roleProfileChoices(plan: CapabilityPlan) {
  const rows = await db
    .from('role_profiles')
    .whereNull('retired_at')
    .whereNotIn('id', db.from('plan_lines').where('plan_id', plan.id).select('role_profile_id'))
    .select('id', 'name')
    .orderBy('name', 'asc')
  return rows.map((row: any) => ({ value: Number(row.id), label: String(row.name) }))
}

/* One organisation's plans for the API, newest year first. */
export async function organisationPlans(organisationId: number, page: number, perPage: number) {
  const result = await db
    .from('capability_plans as p')
    .where('p.organisation_id', organisationId)
    .select('p.id', 'p.financial_year', 'p.status', 'p.submitted_at', 'p.decided_at')
    .orderBy('p.financial_year', 'desc')
    .paginate(page, perPage)
  const meta = result.getMeta() as { total: number }
  return {
    total: Number(meta.total),
    rows: result.all().map((row: any) => ({
      id: Number(row.id),
      financialYear: financialYearLabel(Number(row.financial_year)),
      status: row.status as PlanStatus,
    })),
  }
}

/* SQL that joins strings, in the dialect of the connection in use. */
function concat(...parts: string[]) {
  return db.connection().dialect.name === 'mysql'
    ? `CONCAT(${parts.join(', ')})`
    : parts.join(' || ')
}

export type PlanExportLine = PlanLineFigures & {
  planId: number
  organisationName: string
  organisationCode: string
  financialYear: number
  status: PlanStatus
  /* The line's figures as frozen on sending and on approval; null for drafts and returned plans. */
  atSubmission: LineFigures | null
  atApproval: LineFigures | null
}

/*
 * Every line of every plan in the scope that matches the filters, with
 * the same figures as a plan's page. In post and campaign posts are
 * counted for all plans at once: one grouped query each, joining every
 * line to the people (or campaigns) of its plan's organisation tree.
 */
export async function planLinesForExport(
  scope: OrganisationScope,
  filters: PlanFilters
): Promise<PlanExportLine[]> {
  const plans = scope.apply(db.from('capability_plans as fp'), 'fp.organisation_id').select('fp.id')
  if (filters.organisationId) plans.where('fp.organisation_id', filters.organisationId)
  if (filters.year) plans.where('fp.financial_year', filters.year)
  if (filters.status) plans.where('fp.status', filters.status)

  const lineRows = await db
    .from('plan_lines as l')
    .join('capability_plans as p', 'p.id', 'l.plan_id')
    .join('organisations as o', 'o.id', 'p.organisation_id')
    .join('role_profiles as rp', 'rp.id', 'l.role_profile_id')
    .whereIn('l.plan_id', plans.clone())
    .select(
      ...PLAN_LINE_COLUMNS,
      'l.plan_id',
      'p.financial_year',
      'p.status',
      'o.name as organisation_name',
      'o.code as organisation_code'
    )
    .orderBy('p.financial_year', 'desc')
    .orderBy('o.name', 'asc')
    .orderBy('rp.name', 'asc')
    .orderBy('l.id', 'asc')

  const key = (planId: unknown, roleProfileId: unknown) => `${planId}:${roleProfileId}`
  const inTree = `(member.id = po.id OR member.path LIKE ${concat('po.path', 'po.id', "'/%'")})`

  const inPost = new Map<string, number>()
  const peopleRows = await db
    .from('plan_lines as l')
    .join('capability_plans as p', 'p.id', 'l.plan_id')
    .join('organisations as po', 'po.id', 'p.organisation_id')
    .join('role_levels as rl', 'rl.role_profile_id', 'l.role_profile_id')
    .join('role_assignments as ra', (join) => {
      join
        .on('ra.role_level_id', '=', 'rl.id')
        .andOnVal('ra.active_kind', RoleAssignmentKinds.Current)
    })
    .join('users as u', 'u.id', 'ra.user_id')
    .join('organisations as member', 'member.id', 'u.organisation_id')
    .whereIn('l.plan_id', plans.clone())
    .whereNull('u.deactivated_at')
    .whereRaw(inTree)
    .groupBy('l.plan_id', 'l.role_profile_id')
    .select('l.plan_id', 'l.role_profile_id')
    .countDistinct('ra.user_id as people')
  for (const row of peopleRows)
    inPost.set(key(row.plan_id, row.role_profile_id), Number(row.people))

  const campaignPosts = new Map<string, number>()
  const campaignRows = await db
    .from('plan_lines as l')
    .join('capability_plans as p', 'p.id', 'l.plan_id')
    .join('organisations as po', 'po.id', 'p.organisation_id')
    .join('recruitment_campaigns as c', 'c.role_profile_id', 'l.role_profile_id')
    .join('organisations as member', 'member.id', 'c.organisation_id')
    .whereIn('l.plan_id', plans.clone())
    .whereNotIn('c.stage', OPEN_CAMPAIGN_EXCLUDED_STAGES)
    .whereRaw(inTree)
    .groupBy('l.plan_id', 'l.role_profile_id')
    .select('l.plan_id', 'l.role_profile_id')
    .sum('c.posts as posts')
  for (const row of campaignRows)
    campaignPosts.set(key(row.plan_id, row.role_profile_id), Number(row.posts ?? 0))

  const frozenPlans = [
    ...new Set(
      lineRows
        .filter((row: any) => showsFrozenFigures(row.status as PlanStatus))
        .map((row: any) => Number(row.plan_id))
    ),
  ]
  const frozen = frozenPlans.length ? await frozenFiguresOf(frozenPlans) : new Map()

  return lineRows.map((row: any) => {
    const freezes: PlanFreezes = frozen.get(Number(row.plan_id)) ?? NO_FREEZES
    const roleProfileId = Number(row.role_profile_id)
    const lineKey = key(row.plan_id, row.role_profile_id)
    return {
      ...lineFigures(row, inPost.get(lineKey) ?? 0, campaignPosts.get(lineKey) ?? 0),
      planId: Number(row.plan_id),
      organisationName: String(row.organisation_name),
      organisationCode: String(row.organisation_code),
      financialYear: Number(row.financial_year),
      status: row.status as PlanStatus,
      atSubmission: freezes.submission?.lines.get(roleProfileId) ?? null,
      atApproval: freezes.approval?.lines.get(roleProfileId) ?? null,
    }
  })
}
