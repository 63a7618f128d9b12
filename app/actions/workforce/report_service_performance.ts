import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import type Service from '#models/service'
import ServicePerformanceReport, {
  attributesFromFigures,
  figuresFromRow,
} from '#models/service_performance_report'
import { transactionUnlessDuplicate } from '#actions/transactions'
import { UK_ZONE } from '#domain/shared/uk_time'
import {
  figureProblems,
  isFuture,
  parsePeriod,
  type FigureProblem,
  type Period,
  type ReportingPeriod,
} from '#domain/workforce/service_performance'
import type { PerformanceInput } from '#validators/service_performance'
import workforceConfig from '#config/workforce'
import { forgetPerformanceOverviews } from '#queries/workforce/performance_overview_query'

export type ReportPerformanceResult =
  | { type: 'saved'; report: ServicePerformanceReport; created: boolean; changed: boolean }
  | { type: 'no_such_period' }
  | { type: 'future_period'; period: Period }
  | { type: 'figures_wrong'; problems: FigureProblem[] }
  | { type: 'reported_at_once' }

/*
 * The figures of one period of a service (strategy action 13), reported
 * by its Service Manager, HR of its department or a capability admin (the
 * caller has checked): the first report adds the period, a later one
 * corrects it, counting a revision; the audit trail keeps the version
 * before. Sending the same figures again changes nothing, so the API's
 * PUT can be repeated. A period still to come, figures that contradict
 * each other, or a figure far from the previous period's without a note
 * are refused, with nothing saved.
 */
export async function reportServicePerformance(
  service: Service,
  periodKey: string,
  input: PerformanceInput,
  actor: User,
  today = DateTime.now().setZone(UK_ZONE).toISODate()!
): Promise<ReportPerformanceResult> {
  const kind = service.reportingPeriod as ReportingPeriod
  const period = parsePeriod(kind, periodKey)
  if (!period) return { type: 'no_such_period' }
  if (isFuture(period, today)) return { type: 'future_period', period }

  const previous = await db
    .from('service_performance_reports')
    .where('service_id', service.id)
    .where('period_start', '<', period.start)
    .orderBy('period_start', 'desc')
    .first()
  const problems = figureProblems(input.figures, {
    previous: previous ? figuresFromRow(previous) : null,
    factor: workforceConfig.servicePerformance.outlierFactor,
    hasNote: input.notes !== null,
  })
  if (problems.length) return { type: 'figures_wrong', problems }

  const result = await transactionUnlessDuplicate(
    { type: 'reported_at_once' as const },
    async (trx) => ({
      type: 'saved' as const,
      ...(await writePerformanceReport(trx, service.id, period, input, actor)),
    })
  )
  if (result.type === 'saved' && result.changed) await forgetPerformanceOverviews()
  return result
}

/*
 * Writes one period's figures inside the caller's transaction: adds the
 * period, or corrects it counting a revision, or leaves it when nothing
 * differs. The model's hooks audit the change in the same transaction.
 * The figures must already have passed their checks.
 */
export async function writePerformanceReport(
  trx: TransactionClientContract,
  serviceId: number,
  period: Period,
  input: PerformanceInput,
  actor: User
): Promise<{ report: ServicePerformanceReport; created: boolean; changed: boolean }> {
  const existing = await ServicePerformanceReport.query({ client: trx })
    .where('service_id', serviceId)
    .where('period_start', period.start)
    .forUpdate()
    .first()
  const values = { ...attributesFromFigures(input.figures), notes: input.notes }
  if (existing) {
    existing.useTransaction(trx)
    existing.merge(values)
    if (!existing.$isDirty) return { report: existing, created: false, changed: false }
    existing.merge({ revision: existing.revision + 1, reportedBy: actor.id })
    await existing.save()
    return { report: existing, created: false, changed: true }
  }
  const report = new ServicePerformanceReport()
  report.useTransaction(trx)
  report.merge({
    ...values,
    serviceId,
    periodStart: DateTime.fromISO(period.start),
    revision: 1,
    reportedBy: actor.id,
  })
  await report.save()
  return { report, created: true, changed: true }
}
