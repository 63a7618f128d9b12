import db from '@adonisjs/lucid/services/db'
import insightsConfig from '#config/insights'
import { forgetKept, kept } from '#services/kept'
import type { OrganisationScope } from '#services/organisation_scope'
import { FIGURE_COLUMNS, figuresFromRow } from '#models/service_performance_report'
import { serviceManagerTrainedOnSql } from '#queries/workforce/compliance_query'
import { isoDateFromSql } from '#domain/shared/uk_time'
import {
  INDICATORS,
  REPORTING_PERIODS,
  beforeAndAfter,
  beforeAndAfterWindow,
  indicatorsOf,
  lowerIsBetter,
  median,
  periodLabel,
  periodOf,
  previousPeriod,
  type Indicator,
  type Indicators,
  type ReportingPeriod,
} from '#domain/workforce/service_performance'

/*
 * Strategy action 13 across many services (HR's organisation tree, or all
 * of government for capability admins): each service's last finished
 * period ranked by an indicator, the biggest movers since the period
 * before, the services with no figures for it, and the indicators of
 * services whose Service Manager is trained beside those whose is not.
 * Read as plain rows, the indicators worked out once per period.
 */

/* What is kept of service performance across services: forgotten whenever figures or services change. */
export const PERFORMANCE_KEPT = 'service-performance'

/* Periods either side of a Service Manager's training that the before-and-after compares. */
export const BEFORE_AND_AFTER_SPAN = 6

/* Services on a page of the league table. */
export const LEAGUE_PAGE_SIZE = 50

export type OverviewFilters = { organisationId: number | null; by: Indicator }

export type LeagueRow = {
  serviceId: number
  name: string
  organisationName: string
  periodLabel: string
  value: number | null
  previous: number | null
  change: number | null
  trained: boolean
}

type ServicePeriods = {
  id: number
  name: string
  organisationName: string
  kind: ReportingPeriod
  trainedOn: string | null
  managed: boolean
  /* Oldest first. */
  periods: { start: string; indicators: Indicators }[]
}

async function servicesWithPeriods(
  scope: OrganisationScope,
  filters: OverviewFilters,
  today: string
) {
  const trainedOn = serviceManagerTrainedOnSql()
  const query = db
    .from('services as s')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .select(
      's.id',
      's.name',
      's.reporting_period',
      's.service_manager_id',
      'o.name as organisation_name'
    )
    .select(db.raw(`${trainedOn.sql} as trained_on`, trainedOn.bindings))
    .orderBy('s.name')
    .orderBy('s.id')
  scope.apply(query, 's.organisation_id')
  if (filters.organisationId) {
    query.where((where) =>
      where
        .where('o.id', filters.organisationId!)
        .orWhere('o.path', 'like', `%/${filters.organisationId}/%`)
    )
  }
  const services = await query
  const byId = new Map<number, ServicePeriods>()
  for (const row of services) {
    byId.set(Number(row.id), {
      id: Number(row.id),
      name: row.name,
      organisationName: row.organisation_name,
      kind: row.reporting_period,
      trainedOn: isoDateFromSql(row.trained_on),
      managed: row.service_manager_id !== null,
      periods: [],
    })
  }
  if (byId.size === 0) return []
  // Only the periods the overview reads, each found through the (service,
  // period) index: the last finished one and the one before, and the
  // before-and-after window of a trained Service Manager's training.
  const latest = new Map(
    REPORTING_PERIODS.map((kind) => {
      const finished = previousPeriod(kind, periodOf(kind, today))
      return [kind, [finished.start, previousPeriod(kind, finished).start]]
    })
  )
  const all = [...byId.values()]
  const windows = new Map(
    all
      .filter((service) => service.trainedOn !== null)
      .map((service) => [
        service.id,
        beforeAndAfterWindow(service.kind, service.trainedOn!, BEFORE_AND_AFTER_SPAN),
      ])
  )
  const reports = await db
    .from('service_performance_reports as r')
    .where((where) => {
      for (const [kind, starts] of latest) {
        const ids = all.filter((service) => service.kind === kind).map((service) => service.id)
        if (ids.length) {
          where.orWhere((periods) =>
            periods.whereIn('r.service_id', ids).whereIn('r.period_start', starts)
          )
        }
      }
      for (const [id, window] of windows) {
        where.orWhere((around) =>
          around.where('r.service_id', id).whereBetween('r.period_start', [window.from, window.to])
        )
      }
    })
    .orderBy('r.period_start')
    .select('r.service_id', 'r.period_start', ...FIGURE_COLUMNS.map((column) => `r.${column}`))
  for (const report of reports) {
    byId.get(Number(report.service_id))?.periods.push({
      start: isoDateFromSql(report.period_start)!,
      indicators: indicatorsOf(figuresFromRow(report)),
    })
  }
  return [...byId.values()]
}

/*
 * The overview for a scope, filters and day: counted once and kept for
 * INSIGHTS_CACHE_SECONDS, as the dashboards' figures are, so many people
 * opening it at once wait for one count. Saving or importing figures, or
 * changing a service, forgets every kept overview (forgetPerformanceOverviews),
 * so new figures show at once; a Service Manager's training shows within
 * that time.
 */
export async function performanceOverview(
  scope: OrganisationScope,
  filters: OverviewFilters,
  today: string
) {
  const key = [
    scope.everything ? 'all' : scope.roots.map((root) => root.id).join('-') || 'none',
    filters.organisationId ?? 'any',
    filters.by,
    today,
  ].join(':')
  return kept(PERFORMANCE_KEPT, key, insightsConfig.cacheSeconds, () =>
    countOverview(scope, filters, today)
  )
}

/* Forgets every kept overview, so the next request counts afresh. */
export async function forgetPerformanceOverviews() {
  await forgetKept(PERFORMANCE_KEPT)
}

async function countOverview(scope: OrganisationScope, filters: OverviewFilters, today: string) {
  const services = await servicesWithPeriods(scope, filters, today)
  const { by } = filters
  const league: LeagueRow[] = []
  const missing: {
    serviceId: number
    name: string
    organisationName: string
    periodLabel: string
  }[] = []
  for (const service of services) {
    const finished = previousPeriod(service.kind, periodOf(service.kind, today))
    const before = previousPeriod(service.kind, finished)
    const latest = service.periods.find((row) => row.start === finished.start)
    if (!latest) {
      // Reporting is expected of a service with a Service Manager, or that has reported before.
      if (service.managed || service.periods.length) {
        missing.push({
          serviceId: service.id,
          name: service.name,
          organisationName: service.organisationName,
          periodLabel: periodLabel(service.kind, finished),
        })
      }
      continue
    }
    const previous = service.periods.find((row) => row.start === before.start)
    const value = latest.indicators[by]
    const earlier = previous?.indicators[by] ?? null
    league.push({
      serviceId: service.id,
      name: service.name,
      organisationName: service.organisationName,
      periodLabel: periodLabel(service.kind, finished),
      value,
      previous: earlier,
      change: value === null || earlier === null ? null : value - earlier,
      trained: service.trainedOn !== null && service.trainedOn <= finished.start,
    })
  }
  const better = (a: number, b: number) => (lowerIsBetter(by) ? a - b : b - a)
  league.sort((a, b) =>
    a.value === null
      ? 1
      : b.value === null
        ? -1
        : better(a.value, b.value) || a.name.localeCompare(b.name)
  )
  const moved = league.filter((row) => row.change !== null && row.change !== 0)
  const improved = moved
    .filter((row) => (lowerIsBetter(by) ? row.change! < 0 : row.change! > 0))
    .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!))
    .slice(0, 5)
  const worsened = moved
    .filter((row) => (lowerIsBetter(by) ? row.change! > 0 : row.change! < 0))
    .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!))
    .slice(0, 5)

  // Capability beside performance: the same period, trained Service Managers or not.
  const latestOf = new Map(league.map((row) => [row.serviceId, row]))
  const groups = { trained: [] as ServicePeriods[], untrained: [] as ServicePeriods[] }
  for (const service of services) {
    const row = latestOf.get(service.id)
    if (row) groups[row.trained ? 'trained' : 'untrained'].push(service)
  }
  const latestIndicators = (service: ServicePeriods) => {
    const finished = previousPeriod(service.kind, periodOf(service.kind, today))
    return service.periods.find((row) => row.start === finished.start)!.indicators
  }
  const medians = (group: ServicePeriods[]) =>
    Object.fromEntries(
      INDICATORS.map((indicator) => [
        indicator,
        median(
          group
            .map((service) => latestIndicators(service)[indicator])
            .filter((value): value is number => value !== null)
        ),
      ])
    ) as Record<Indicator, number | null>
  const capability = {
    trained: { services: groups.trained.length, medians: medians(groups.trained) },
    untrained: { services: groups.untrained.length, medians: medians(groups.untrained) },
  }

  // Before and after: services with figures both sides of their Service Manager's training.
  const changes = INDICATORS.map((indicator) => {
    const pairs = services
      .filter((service) => service.trainedOn !== null)
      .map((service) =>
        beforeAndAfter(
          service.kind,
          service.periods,
          service.trainedOn!,
          indicator,
          BEFORE_AND_AFTER_SPAN
        )
      )
      .filter((pair) => pair.before !== null && pair.after !== null)
    return {
      indicator,
      services: pairs.length,
      before: median(pairs.map((pair) => pair.before!)),
      after: median(pairs.map((pair) => pair.after!)),
    }
  })
  return { league, improved, worsened, missing, capability, changes }
}
