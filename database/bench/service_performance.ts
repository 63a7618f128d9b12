import { DateTime } from 'luxon'
import type { Random } from '#database/bench/random'
import { sqlTime, type Loader } from '#database/bench/loader'
import { figuresFor } from '#database/demo/service_performance'
import { columnsFromFigures } from '#models/service_performance_report'

/*
 * Strategy action 13 at the scale of government: monthly figures for every
 * service, for the given number of months up to last month, as the demo's
 * services report them (digital take-up rising slowly). About one month in
 * seventy is missing, and about one in two hundred has a surge, explained
 * in its note and in the next month's.
 */

export type ReportingService = { id: number; transactions: number; managerId: number | null }

const SURGE_NOTE = 'A surge of applications after a change to the rules was announced.'
const AFTER_SURGE_NOTE = 'Back to the usual number after the surge.'

export async function insertServicePerformance(
  loader: Loader,
  random: Random,
  services: ReportingService[],
  { months, now }: { months: number; now: number }
) {
  if (months === 0 || services.length === 0) return
  const sample = figuresFor(
    { id: 1, annual_transactions: 12_000, trained_on: null },
    DateTime.utc(),
    {
      months: 1,
      monthsIn: 0,
      surge: false,
    }
  )
  const figureColumns = Object.keys(columnsFromFigures(sample))
  const reports = await loader.table(
    'service_performance_reports',
    [
      'service_id',
      'period_start',
      ...figureColumns,
      'notes',
      'revision',
      'reported_by',
      'created_at',
      'updated_at',
    ],
    { after: [loader.writer('services')] }
  )
  const lastMonth = DateTime.fromMillis(now, { zone: 'utc' }).startOf('month').minus({ months: 1 })
  const stamp = sqlTime(now)
  for (const service of services) {
    const row = { id: service.id, annual_transactions: service.transactions, trained_on: null }
    // The figures after a surge move as far back: their note says so too.
    let afterSurge = false
    for (let back = months - 1; back >= 0; back--) {
      if (random.chance(1 / 70)) continue
      const surge: boolean = !afterSurge && random.chance(1 / 200)
      const start = lastMonth.minus({ months: back })
      const columns = columnsFromFigures(
        figuresFor(row, start, { months: 1, monthsIn: months - 1 - back, surge })
      )
      await reports.insert([
        service.id,
        start.toISODate(),
        ...figureColumns.map((column) => columns[column]),
        surge ? SURGE_NOTE : afterSurge ? AFTER_SURGE_NOTE : null,
        1,
        service.managerId,
        stamp,
        stamp,
      ])
      afterSurge = surge
    }
  }
}
