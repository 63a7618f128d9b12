import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import RoleProfile from '#models/role_profile'
import Skill from '#models/skill'
import User from '#models/user'
import type { OrganisationScope } from '#services/organisation_scope'
import type { GapKind, GapMitigation, GapSeverity, GapStatus } from '#enums/workforce'
import { subtreeIds } from '#queries/workforce/campaigns_query'
import { dateFromSql } from '#domain/shared/uk_time'

export type GapFilters = {
  /* An organisation in scope, with its subtree. */
  organisation?: { id: number; path: string }
  kind?: GapKind
  status?: GapStatus
  severity?: GapSeverity
}

export type GapRow = {
  id: number
  organisationId: number
  organisationName: string
  kind: GapKind
  roleProfileName: string | null
  skillName: string | null
  title: string
  description: string | null
  severity: GapSeverity
  mitigation: GapMitigation | null
  ownerName: string | null
  ownerEmail: string | null
  dueOn: DateTime | null
  status: GapStatus
  source: 'manual' | 'plan' | 'gap_engine'
  /* Past its due date and neither closed nor dismissed. */
  overdue: boolean
}

const SEVERITY_RANK =
  "case g.severity when 'critical' then 1 when 'high' then 2 when 'medium' then 3 else 4 end"

/* Gaps in scope and filters, with the names they point to. */
function gapsBase(scope: OrganisationScope, filters: GapFilters) {
  const query = scope
    .apply(db.from('capability_gaps as g'), 'g.organisation_id')
    .join('organisations as o', 'o.id', 'g.organisation_id')
    .leftJoin('role_profiles as rp', 'rp.id', 'g.role_profile_id')
    .leftJoin('skills as sk', 'sk.id', 'g.skill_id')
    .leftJoin('users as owner', 'owner.id', 'g.owner_id')
  if (filters.organisation) query.whereIn('g.organisation_id', subtreeIds(filters.organisation))
  if (filters.kind) query.where('g.kind', filters.kind)
  if (filters.status) query.where('g.status', filters.status)
  if (filters.severity) query.where('g.severity', filters.severity)
  return query
    .select(
      'g.id',
      'g.organisation_id',
      'o.name as organisation_name',
      'g.kind',
      'rp.name as role_profile_name',
      'sk.name as skill_name',
      'g.title',
      'g.description',
      'g.severity',
      'g.mitigation',
      'owner.full_name as owner_name',
      'owner.email as owner_email',
      'g.due_on',
      'g.status',
      'g.source'
    )
    .orderByRaw(SEVERITY_RANK)
    .orderBy('g.due_on')
    .orderBy('g.id')
}

function toRow(row: any, today: string): GapRow {
  const dueOn = dateFromSql(row.due_on)
  const status = row.status as GapStatus
  return {
    id: Number(row.id),
    organisationId: Number(row.organisation_id),
    organisationName: String(row.organisation_name),
    kind: row.kind,
    roleProfileName: row.role_profile_name ?? null,
    skillName: row.skill_name ?? null,
    title: String(row.title),
    description: row.description ?? null,
    severity: row.severity,
    mitigation: row.mitigation ?? null,
    ownerName: row.owner_name ?? null,
    ownerEmail: row.owner_email ?? null,
    dueOn,
    status,
    source: row.source,
    overdue:
      dueOn !== null && dueOn.toISODate()! < today && status !== 'closed' && status !== 'dismissed',
  }
}

/* One page of the register, most severe first, with the total. */
export async function gapsPage(
  scope: OrganisationScope,
  filters: GapFilters,
  page = 1,
  perPage = 25
) {
  const result = await gapsBase(scope, filters).paginate(page, perPage)
  const today = DateTime.now().toISODate()
  return { rows: result.all().map((row) => toRow(row, today)), meta: result.getMeta() }
}

/* The whole register in scope and filters, for the CSV export. */
export async function allGaps(scope: OrganisationScope, filters: GapFilters) {
  const rows = await gapsBase(scope, filters)
  const today = DateTime.now().toISODate()
  return rows.map((row) => toRow(row, today))
}

/* How many gaps in scope and filters have each status, counted in the database. */
export async function gapStatusCounts(scope: OrganisationScope, filters: GapFilters) {
  const query = scope
    .apply(db.from('capability_gaps as g'), 'g.organisation_id')
    .groupBy('g.status')
    .select('g.status')
    .count('* as total')
  if (filters.organisation) query.whereIn('g.organisation_id', subtreeIds(filters.organisation))
  if (filters.kind) query.where('g.kind', filters.kind)
  if (filters.severity) query.where('g.severity', filters.severity)
  const rows = await query
  return new Map(rows.map((row) => [row.status as GapStatus, Number(row.total)]))
}

/* What the gap form offers: role profiles, the skills in use, and the email of the gap's owner. */
export async function gapFormChoices(ownerId: number | null | undefined) {
  const [roles, skills, owner] = await Promise.all([
    RoleProfile.query().orderBy('name'),
    Skill.query().whereNull('retired_at').orderBy('name'),
    ownerId ? User.find(ownerId) : null,
  ])
  return {
    ownerEmail: owner?.email ?? null,
    roles: roles.map((role) => ({ value: role.id, label: role.name })),
    skills: skills.map((skill) => ({ value: skill.id, label: skill.name })),
  }
}
