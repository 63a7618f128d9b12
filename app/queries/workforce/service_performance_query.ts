import db from '@adonisjs/lucid/services/db'
import Service from '#models/service'
import type User from '#models/user'
import type { OrganisationScope } from '#services/organisation_scope'
import { FIGURE_COLUMNS, figuresFromRow } from '#models/service_performance_report'
import { idParam } from '#services/params'
import { kept } from '#services/kept'
import insightsConfig from '#config/insights'
import { PERFORMANCE_KEPT } from '#queries/workforce/performance_overview_query'
import { instantFromSql, isoDateFromSql } from '#domain/shared/uk_time'
import {
  INDICATORS,
  indicatorsOf,
  median,
  missingPeriods,
  periodLabel,
  periodOf,
  periodsDue,
  type Indicator,
  type Indicators,
  type PerformanceFigures,
  type Period,
  type ReportingPeriod,
} from '#domain/workforce/service_performance'
import type { DateTime } from 'luxon'

/*
 * The service of an address when this person may report its performance
 * and read it: its Service Manager, HR whose organisation tree runs it, or
 * a capability admin. Anyone else, like a service that does not exist,
 * gets null (a 404).
 */
export async function findReportableService(
  user: User,
  scope: OrganisationScope,
  id: unknown
): Promise<Service | null> {
  const service = await Service.query().where('id', idParam(id)).preload('organisation').first()
  if (!service) return null
  if (service.serviceManagerId === user.id) return service
  return (await scope.includes(service.organisationId)) ? service : null
}

/* One period a service reported, with its indicators. */
export type PerformanceRow = {
  period: Period
  label: string
  figures: PerformanceFigures
  indicators: Indicators
  notes: string | null
  revision: number
  reportedBy: string | null
  updatedAt: DateTime | null
}

/* The columns a report is read with. */
const REPORT_COLUMNS = ['r.*', 'u.full_name as reported_by_name'] as const

/*
 * Every period a service reported, latest first, with the indicators
 * worked out from its figures; and the periods missing between the first
 * and the last.
 */
export async function servicePerformance(service: Service) {
  const kind = service.reportingPeriod
  const rows = await db
    .from('service_performance_reports as r')
    .leftJoin('users as u', 'u.id', 'r.reported_by')
    .where('r.service_id', service.id)
    .orderBy('r.period_start', 'desc')
    .select(...REPORT_COLUMNS)
  const periods: PerformanceRow[] = rows.map((row) => {
    const period = periodOf(kind, isoDateFromSql(row.period_start)!)
    const figures = figuresFromRow(row)
    return {
      period,
      label: periodLabel(kind, period),
      figures,
      indicators: indicatorsOf(figures),
      notes: row.notes ?? null,
      revision: Number(row.revision),
      reportedBy: row.reported_by_name ?? null,
      updatedAt: instantFromSql(row.updated_at),
    }
  })
  const missing = missingPeriods(
    kind,
    periods.map((row) => row.period.key)
  ).map((period) => ({ period, label: periodLabel(kind, period) }))
  return { periods, missing }
}

/*
 * The period to report next: the oldest finished period not reported
 * since the latest report, or null when every finished period is in.
 */
export function periodToReport(
  kind: ReportingPeriod,
  latest: Period | null,
  today: string
): { period: Period; label: string } | null {
  const [period] = periodsDue(kind, latest?.start ?? null, today)
  return period ? { period, label: periodLabel(kind, period) } : null
}

/* One period's report of a service, as the form shows it, or null when it has none. */
export async function reportFor(serviceId: number, period: Period) {
  const row = await db
    .from('service_performance_reports')
    .where('service_id', serviceId)
    .where('period_start', period.start)
    .first()
  return row
    ? {
        figures: figuresFromRow(row),
        notes: (row.notes as string | null) ?? null,
        revision: Number(row.revision),
      }
    : null
}

/* The department an organisation belongs to: the first id of its path, or its own for a department. */
function departmentOf(organisationId: number, path: string) {
  const first = path.split('/').find((part) => part !== '')
  return first ? Number(first) : organisationId
}

/* A service's size, as the power of ten of its yearly transactions: similar services share it. */
function sizeBand(annualTransactions: number) {
  return annualTransactions > 0 ? Math.floor(Math.log10(annualTransactions)) : 0
}

export type Comparison = {
  indicator: Indicator
  value: number | null
  department: { median: number | null; services: number }
  similar: { median: number | null; services: number }
}

type MeasuredService = {
  serviceId: number
  indicators: Indicators
  department: number
  phase: string
  band: number
}

/*
 * Every service's indicators for one period, with its department and size:
 * counted once for all the services' pages and kept as the performance
 * overview is (forgotten when figures are saved).
 */
function measuredServices(kind: ReportingPeriod, period: Period): Promise<MeasuredService[]> {
  return kept(
    PERFORMANCE_KEPT,
    `period:${kind}:${period.start}`,
    insightsConfig.cacheSeconds,
    async () => {
      const rows = await db
        .from('service_performance_reports as r')
        .join('services as s', 's.id', 'r.service_id')
        .join('organisations as o', 'o.id', 's.organisation_id')
        .where('r.period_start', period.start)
        .where('s.reporting_period', kind)
        .select(
          'r.service_id',
          ...FIGURE_COLUMNS.map((column) => `r.${column}`),
          's.phase',
          's.annual_transactions',
          'o.id as organisation_id',
          'o.path'
        )
      return rows.map((row) => ({
        serviceId: Number(row.service_id),
        indicators: indicatorsOf(figuresFromRow(row)),
        department: departmentOf(Number(row.organisation_id), String(row.path)),
        phase: String(row.phase),
        band: sizeBand(Number(row.annual_transactions)),
      }))
    }
  )
}

/*
 * A period of a service beside the same period of the other services of
 * its department, and of similar services across government (the same
 * phase, and yearly transactions of the same order of magnitude): the
 * median of each indicator, and how many services it is the median of.
 */
export async function comparisonsFor(service: Service, period: Period): Promise<Comparison[]> {
  const measured = await measuredServices(service.reportingPeriod as ReportingPeriod, period)
  const own = measured.find((row) => row.serviceId === service.id)
  if (!own) return []
  const medianOf = (group: MeasuredService[], indicator: Indicator) => {
    const values = group
      .map((row) => row.indicators[indicator])
      .filter((value): value is number => value !== null)
    return { median: median(values), services: values.length }
  }
  const sameDepartment = measured.filter((row) => row.department === own.department)
  const similar = measured.filter((row) => row.phase === own.phase && row.band === own.band)
  return INDICATORS.map((indicator) => ({
    indicator,
    value: own.indicators[indicator],
    department: medianOf(sameDepartment, indicator),
    similar: medianOf(similar, indicator),
  }))
}

/* The services whose department publishes their performance, by department and name. */
export async function publishedServices() {
  const rows = await db
    .from('services as s')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .where('s.performance_published', true)
    .orderBy('o.name')
    .orderBy('s.name')
    .select('s.id', 's.name', 'o.name as organisation_name')
  return rows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    organisationName: String(row.organisation_name),
  }))
}

/* A published service, or null (a 404) when there is none or it is not published. */
export async function findPublishedService(id: unknown) {
  return Service.query()
    .where('id', idParam(id))
    .where('performance_published', true)
    .preload('organisation')
    .first()
}
