import db from '@adonisjs/lucid/services/db'
import Service from '#models/service'
import { OrganisationScope } from '#services/organisation_scope'
import { pageOfRows } from '#queries/paging'
import { SERVICE_MANAGER_THRESHOLD, servicePhaseValues, type ServicePhase } from '#enums/workforce'
import {
  complianceStatusSql,
  warningsOf,
  withManagerFacts,
  type ComplianceStatus,
} from '#queries/workforce/compliance_query'
import type { ServiceWarning } from '#domain/workforce/service_manager_warnings'
import { isDigitallyDelivered } from '#domain/workforce/digitally_delivered'

export type ServiceFilters = {
  organisationId: number | null
  phase: ServicePhase | null
  overThreshold: boolean | null
  compliant: boolean | null
}

export type ServiceRow = {
  id: number
  name: string
  organisationId: number
  organisationName: string
  annualTransactions: number
  phase: ServicePhase
  isExemplar: boolean
  /* HR say people can use it through a digital channel. */
  hasDigitalChannel: boolean
  /* A digital channel, in beta or live: Future Leaders placements can be in it. */
  digitallyDelivered: boolean
  overThreshold: boolean
  serviceManager: { id: number; name: string; email: string; organisationId: number } | null
  status: ComplianceStatus
  /* What to look at about the Service Manager, even when the service passes action 02. */
  warnings: ServiceWarning[]
}

function yesNo(value: unknown): boolean | null {
  const text = String(value ?? '').toLowerCase()
  if (['yes', 'true', '1'].includes(text)) return true
  if (['no', 'false', '0'].includes(text)) return false
  return null
}

/* Reads the register's filters from a query string, ignoring anything it does not recognise. */
export function readServiceFilters(qs: Record<string, unknown>): ServiceFilters {
  const organisationId = Number(qs.organisation ?? qs.organisationId)
  const phase = String(qs.phase ?? '')
  return {
    organisationId:
      Number.isSafeInteger(organisationId) && organisationId > 0 ? organisationId : null,
    phase: servicePhaseValues.includes(phase as ServicePhase) ? (phase as ServicePhase) : null,
    overThreshold: yesNo(qs.overThreshold),
    compliant: yesNo(qs.compliant),
  }
}

/* The filtered services in scope, with their Service Manager and compliance status. */
function servicesQuery(scope: OrganisationScope, filters: ServiceFilters) {
  const status = complianceStatusSql()
  const query = db
    .from('services as s')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .leftJoin('users as sm', 'sm.id', 's.service_manager_id')
  scope.apply(query, 's.organisation_id')
  if (filters.organisationId) {
    // The organisation and everything inside it.
    query.where((where) =>
      where
        .where('o.id', filters.organisationId!)
        .orWhere('o.path', 'like', `%/${filters.organisationId}/%`)
    )
  }
  if (filters.phase) query.where('s.phase', filters.phase)
  if (filters.overThreshold === true)
    query.where('s.annual_transactions', '>', SERVICE_MANAGER_THRESHOLD)
  if (filters.overThreshold === false) {
    query.where('s.annual_transactions', '<=', SERVICE_MANAGER_THRESHOLD)
  }
  if (filters.compliant !== null) {
    const operator = filters.compliant ? 'in' : 'not in'
    query.whereRaw(`${status.sql} ${operator} (?, ?)`, [
      ...status.bindings,
      'compliant',
      'not_required',
    ])
  }
  return { query, status }
}

function toRow(row: any): ServiceRow {
  const transactions = Number(row.annual_transactions)
  return {
    id: Number(row.id),
    name: row.name,
    organisationId: Number(row.organisation_id),
    organisationName: row.organisation_name,
    annualTransactions: transactions,
    phase: row.phase,
    isExemplar: Boolean(row.is_exemplar),
    hasDigitalChannel: Boolean(row.has_digital_channel),
    digitallyDelivered: isDigitallyDelivered({
      phase: row.phase,
      hasDigitalChannel: Boolean(row.has_digital_channel),
    }),
    overThreshold: transactions > SERVICE_MANAGER_THRESHOLD,
    serviceManager:
      row.manager_id === null
        ? null
        : {
            id: Number(row.manager_id),
            name: row.manager_name,
            email: row.manager_email,
            organisationId: Number(row.manager_organisation_id),
          },
    status: row.status,
    warnings: warningsOf(row),
  }
}

function selectColumns(
  query: ReturnType<typeof servicesQuery>['query'],
  status: ReturnType<typeof complianceStatusSql>
) {
  return withManagerFacts(query)
    .select(
      's.id',
      's.name',
      's.organisation_id',
      's.annual_transactions',
      's.phase',
      's.is_exemplar',
      's.has_digital_channel',
      'o.name as organisation_name',
      'sm.id as manager_id',
      'sm.full_name as manager_name',
      'sm.email as manager_email',
      'sm.organisation_id as manager_organisation_id'
    )
    .select(db.raw(`${status.sql} as status`, status.bindings))
    .orderBy('o.name')
    .orderBy('s.name')
    .orderBy('s.id')
}

/* One page of the register, counted in the same query. */
export async function servicePage(
  scope: OrganisationScope,
  filters: ServiceFilters,
  page: number,
  perPage: number
) {
  const { query, status } = servicesQuery(scope, filters)
  const found = await pageOfRows(selectColumns(query, status), page, perPage)
  return { rows: found.all().map(toRow), total: found.getMeta().total }
}

/* Every matching service, for the CSV export. */
export async function allServices(scope: OrganisationScope, filters: ServiceFilters) {
  const { query, status } = servicesQuery(scope, filters)
  const rows = await selectColumns(query, status)
  return rows.map(toRow)
}

/* Counts for the register's summary, over the filtered services. */
export async function serviceCounts(scope: OrganisationScope, filters: ServiceFilters) {
  const { query, status } = servicesQuery(scope, filters)
  const rows = await query.select(db.raw(`${status.sql} as status`, status.bindings))
  const counts = { total: rows.length, overThreshold: 0, compliant: 0, failing: 0 }
  for (const row of rows) {
    if (row.status === 'not_required') continue
    counts.overThreshold += 1
    if (row.status === 'compliant') counts.compliant += 1
    else counts.failing += 1
  }
  return counts
}

/* One service, only when its organisation lies in the scope. */
export async function findServiceInScope(scope: OrganisationScope, id: unknown) {
  const key = Number(id)
  if (!Number.isSafeInteger(key) || key < 1) return null
  return scope
    .apply(Service.query().where('id', key), 'organisation_id')
    .preload('organisation')
    .preload('serviceManager')
    .first()
}

/*
 * One service as the register shows it (its Service Manager and where it
 * stands against action 02), for a caller who has already been let see it.
 */
export async function serviceStanding(serviceId: number): Promise<ServiceRow | null> {
  const { query, status } = servicesQuery(new OrganisationScope(true, []), emptyFilters)
  const row = await selectColumns(query.where('s.id', serviceId), status).first()
  return row ? toRow(row) : null
}

const emptyFilters: ServiceFilters = {
  organisationId: null,
  phase: null,
  overThreshold: null,
  compliant: null,
}
