import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { UK_ZONE, isoDateFromSql } from '#domain/shared/uk_time'
import type { PerformanceFigures } from '#domain/workforce/service_performance'
import { columnsFromFigures } from '#models/service_performance_report'

/*
 * Two years of the figures each demo service reports for strategy action
 * 13, up to last month (the service reporting quarterly: eight quarters).
 * Every service takes up digital slowly; one whose Service Manager completed
 * the Service Manager programme takes it up faster from the month after,
 * and its cost per transaction falls. "Renew your driving licence" has no
 * figures for one month, and "Renew a passport" one month with a surge
 * explained in its note (and the month after, back to usual, in its own).
 * Two services' departments publish their figures. The same figures on every run for the same day.
 */

/* The services whose departments publish their performance on the public page. */
const PUBLISHED = ['Tax your vehicle', 'Self Assessment online']

/* The service that reports quarterly. */
const QUARTERLY = 'Search the register'
const MISSING_MONTH = { service: 'Renew your driving licence', monthsAgo: 5 }
const OUTLIER = {
  service: 'Renew a passport',
  monthsAgo: 3,
  note: 'A surge of applications after the fee change was announced.',
  after: 'Back to the usual number after last month’s surge.',
}

/* A repeatable number from 0 to 1 for a service and a month. */
function noise(seed: number) {
  const x = Math.sin(seed * 12.9898) * 43758.5453
  return x - Math.floor(x)
}

export type ServiceRow = {
  id: number
  annual_transactions: number
  trained_on: string | null
}

/*
 * One period's figures for a service, `monthsIn` months into its run of
 * figures: consistent (channels add up, completed within started), moving
 * a little from month to month. The benchmark data uses it too.
 */
export function figuresFor(
  service: ServiceRow,
  start: DateTime,
  { months, monthsIn, surge }: { months: number; monthsIn: number; surge: boolean }
) {
  const seed = service.id * 1000 + start.year * 12 + start.month
  const base = Math.max(600, Math.round((Number(service.annual_transactions) / 12) * months))
  const total = Math.min(
    1_900_000_000,
    Math.round(base * (0.9 + noise(seed) * 0.2) * (surge ? 4 : 1))
  )
  const trainedFrom = service.trained_on
    ? DateTime.fromISO(service.trained_on).plus({ months: 1 })
    : null
  const monthsTrained =
    trainedFrom && start >= trainedFrom
      ? Math.round(start.diff(trainedFrom, 'months').months) + 1
      : 0
  const takeUp = Math.min(
    0.97,
    0.45 + (service.id % 5) * 0.05 + monthsIn * 0.004 + monthsTrained * 0.012
  )
  const digital = Math.round(total * takeUp)
  const rest = total - digital
  const assistedDigital = Math.round(rest * 0.1)
  const phone = Math.round(rest * 0.55)
  const paper = Math.round(rest * 0.3)
  const faceToFace = rest - assistedDigital - phone - paper
  // A digital transaction costs far less than one on paper: take-up brings the cost down.
  const costPence =
    digital * 40 + assistedDigital * 600 + phone * 900 + paper * 1400 + faceToFace * 2200
  const responses = 200 + Math.round(noise(seed + 1) * 800)
  const happy = Math.min(0.9, 0.55 + takeUp * 0.25)
  const verySatisfied = Math.round(responses * happy * 0.55)
  const satisfied = Math.round(responses * happy * 0.45)
  const neither = Math.round((responses - verySatisfied - satisfied) * 0.5)
  const dissatisfied = Math.round((responses - verySatisfied - satisfied - neither) * 0.6)
  const veryDissatisfied = responses - verySatisfied - satisfied - neither - dissatisfied
  const completion = Math.min(0.98, 0.78 + takeUp * 0.15 + noise(seed + 2) * 0.03)
  const figures: PerformanceFigures = {
    transactions: { digital, assistedDigital, phone, paper, faceToFace },
    totalTransactions: total,
    totalCostPence: costPence,
    channelCostPence: {
      digital: digital * 40,
      assistedDigital: null,
      phone: null,
      paper: null,
      faceToFace: null,
    },
    satisfaction: { verySatisfied, satisfied, neither, dissatisfied, veryDissatisfied },
    startedTransactions: Math.round(total / completion),
    completedTransactions: total,
  }
  return figures
}

export async function seedDemoServicePerformance(
  client: QueryClientContract,
  { now }: { now: DateTime }
) {
  const already = await client.from('service_performance_reports').select('id').first()
  if (already) return null
  const services: (ServiceRow & { name: string; service_manager_id: number | null })[] =
    await client
      .from('services as s')
      .whereNotNull('s.service_manager_id')
      .select('s.id', 's.name', 's.annual_transactions', 's.service_manager_id')
      .select(
        client
          .from('learning_records as lr')
          .join('courses as c', 'c.id', 'lr.course_id')
          .whereColumn('lr.user_id', 's.service_manager_id')
          .where('c.code', 'GDS-SM01')
          .min('lr.completed_on')
          .as('trained_on')
      )
      .orderBy('s.id')
  const today = now.setZone(UK_ZONE).startOf('month')
  const sqlNow = now.toUTC().toFormat('yyyy-LL-dd HH:mm:ss')
  const rows: Record<string, unknown>[] = []
  for (const service of services) {
    service.trained_on = isoDateFromSql(service.trained_on)
    const quarterly = service.name === QUARTERLY
    const step = quarterly ? 3 : 1
    // The last finished period, then back two years.
    const last = quarterly
      ? today.minus({ months: 3 }).startOf('quarter')
      : today.minus({ months: 1 })
    for (let back = 0; back < 24; back += step) {
      const start = last.minus({ months: back })
      if (service.name === MISSING_MONTH.service && back + 1 === MISSING_MONTH.monthsAgo) continue
      const surge = service.name === OUTLIER.service && back + 1 === OUTLIER.monthsAgo
      const afterSurge = service.name === OUTLIER.service && back + 2 === OUTLIER.monthsAgo
      const figures = figuresFor(service, start, { months: step, monthsIn: 23 - back, surge })
      rows.push({
        service_id: service.id,
        period_start: start.toISODate(),
        ...columnsFromFigures(figures),
        notes: surge ? OUTLIER.note : afterSurge ? OUTLIER.after : null,
        revision: 1,
        reported_by: service.service_manager_id,
        created_at: sqlNow,
        updated_at: sqlNow,
      })
    }
    if (quarterly) {
      await client
        .from('services')
        .where('id', service.id)
        .update({ reporting_period: 'quarterly' })
    }
  }
  await client.from('services').whereIn('name', PUBLISHED).update({ performance_published: true })
  for (let at = 0; at < rows.length; at += 200) {
    await client.table('service_performance_reports').multiInsert(rows.slice(at, at + 200))
  }
  return { services: services.length, periods: rows.length }
}
