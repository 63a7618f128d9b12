import db from '@adonisjs/lucid/services/db'
import { OrganisationScope } from '#services/organisation_scope'
import { SERVICE_MANAGER_THRESHOLD } from '#enums/workforce'
import type { OrganisationType } from '#enums/organisation_types'
import {
  complianceStatusSql,
  digitalLeaderCompliance,
  type ComplianceStatus,
} from '#queries/workforce/compliance_query'
import type { DigitalLeaderState } from '#domain/workforce/digital_leader_standing'
import {
  namedGroups,
  percent,
  rollUp,
  subtreeOf,
  type SelectedOrganisation,
} from '#queries/insights/rollup'

/* The selected organisation's tree as a scope, for the compliance queries (all of government when none). */
export function scopeOf(selected: SelectedOrganisation | null) {
  return selected
    ? new OrganisationScope(false, [{ id: selected.id, path: selected.path }])
    : new OrganisationScope(true, [])
}

export type DigitalLeaders = {
  total: number
  inPlace: number
  share: number | null
  organisations: Array<{
    id: number
    name: string
    type: OrganisationType
    inPlace: boolean
    digitalLeader: string | null
    state: DigitalLeaderState
    /* Why it falls short of action 01, in words; null when it meets it. */
    reason: string | null
  }>
}

/*
 * Action 01: the departments and transactional agencies of the selected
 * tree, and whether each meets it (the action 01 rule, through the
 * workforce compliance query run for the tree), with why not.
 */
export async function digitalLeaders(
  selected: SelectedOrganisation | null
): Promise<DigitalLeaders> {
  const result = await digitalLeaderCompliance(scopeOf(selected))
  return {
    total: result.total,
    inPlace: result.passing,
    share: percent(result.passing, result.total),
    organisations: result.organisations.map((row) => ({
      id: row.organisation.id,
      name: row.organisation.name,
      type: row.organisation.type,
      inPlace: row.compliant,
      digitalLeader: row.digitalLeader?.active ? row.digitalLeader.name : null,
      state: row.state,
      reason: row.reason,
    })),
  }
}

/* The statuses of services over the threshold, passing first. */
export const SERVICE_STATUSES = [
  'compliant',
  'training_booked',
  'not_trained',
  'none_named',
] as const
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]

type StatusCounts = Record<ServiceStatus, number>

export type ServiceManagers = {
  total: number
  compliant: number
  share: number | null
  byStatus: StatusCounts
  byOrganisation: Array<{ id: number; name: string; direct: boolean; total: number } & StatusCounts>
}

/*
 * Action 02: services over 100,000 transactions a year in the selected
 * tree, counted by the standing of their Service Manager (the workforce
 * compliance rule as SQL), per organisation and overall.
 */
export async function serviceManagers(
  selected: SelectedOrganisation | null
): Promise<ServiceManagers> {
  const status = complianceStatusSql()
  const services = db
    .from('services as s')
    .leftJoin('users as sm', 'sm.id', 's.service_manager_id')
    .where('s.annual_transactions', '>', SERVICE_MANAGER_THRESHOLD)
    .select('s.organisation_id')
    .select(db.raw(`${status.sql} as status`, status.bindings))
  if (selected) services.whereIn('s.organisation_id', subtreeOf(selected))
  const rows = await db
    .from(services.as('x'))
    .join('organisations as o', 'o.id', 'x.organisation_id')
    .groupBy('x.organisation_id', 'o.path', 'x.status')
    .select('x.organisation_id', 'o.path', 'x.status')
    .count('* as services')

  const perOrganisation = new Map<number, { organisationId: number; path: string } & StatusCounts>()
  for (const row of rows) {
    const id = Number(row.organisation_id)
    const entry = perOrganisation.get(id) ?? {
      organisationId: id,
      path: String(row.path),
      compliant: 0,
      training_booked: 0,
      not_trained: 0,
      none_named: 0,
    }
    const key = row.status as ComplianceStatus
    if (key !== 'not_required') entry[key] += Number(row.services)
    perOrganisation.set(id, entry)
  }
  const groups = await namedGroups(
    rollUp([...perOrganisation.values()], SERVICE_STATUSES, selected?.id ?? null),
    selected
  )
  const byStatus = Object.fromEntries(
    SERVICE_STATUSES.map((key) => [key, groups.reduce((sum, group) => sum + group[key], 0)])
  ) as StatusCounts
  const total = SERVICE_STATUSES.reduce((sum, key) => sum + byStatus[key], 0)
  return {
    total,
    compliant: byStatus.compliant,
    share: percent(byStatus.compliant, total),
    byStatus,
    byOrganisation: groups.map((group) => ({
      ...group,
      total: SERVICE_STATUSES.reduce((sum, key) => sum + group[key], 0),
    })),
  }
}

/* Digital Leaders required and in place per organisation (with its path), for rolling up into departments. */
export async function digitalLeadersByOrganisation(selected: SelectedOrganisation | null) {
  const result = await digitalLeaderCompliance(scopeOf(selected))
  const ids = result.organisations.map((row) => row.organisation.id)
  const paths = ids.length
    ? await db.from('organisations').whereIn('id', ids).select('id', 'path')
    : []
  const pathOf = new Map(paths.map((row) => [Number(row.id), String(row.path)]))
  return result.organisations.map((row) => ({
    organisationId: row.organisation.id,
    path: pathOf.get(row.organisation.id) ?? '/',
    required: 1,
    inPlace: row.compliant ? 1 : 0,
  }))
}
