import { DateTime } from 'luxon'
import { financialYearLabel } from '#enums/workforce'

/* A financial year (April to March), or one quarter of it, as the dashboards filter by. */
export type Period = {
  year: number
  quarter: number | null
  /* The first day of the period. */
  start: DateTime
  /* The day after the period ends. */
  end: DateTime
  label: string
}

const MONTHS = 'LLLL yyyy'

/* The period for a financial year (by its start year) and, optionally, a quarter of it (1 is April to June). */
export function periodOf(year: number, quarter: number | null = null): Period {
  const yearStart = DateTime.utc(year, 4, 1)
  if (quarter === null) {
    return {
      year,
      quarter,
      start: yearStart,
      end: yearStart.plus({ years: 1 }),
      label: financialYearLabel(year),
    }
  }
  const start = yearStart.plus({ months: 3 * (quarter - 1) })
  const end = start.plus({ months: 3 })
  const last = end.minus({ days: 1 })
  return {
    year,
    quarter,
    start,
    end,
    label: `Q${quarter} ${financialYearLabel(year)} (${start.toFormat('LLLL')} to ${last.toFormat(MONTHS)})`,
  }
}

/* The financial year a day falls in, by its start year. */
export function financialYearOf(day: DateTime) {
  return day.month >= 4 ? day.year : day.year - 1
}

/* A period's bounds as the database compares timestamps: the start, and the start of the day after. */
export function timestampBounds(period: Period): [string, string] {
  const format = 'yyyy-MM-dd HH:mm:ss'
  return [period.start.toFormat(format), period.end.toFormat(format)]
}

/* A period's bounds as the database compares dates. */
export function dateBounds(period: Period): [string, string] {
  return [period.start.toISODate()!, period.end.toISODate()!]
}

/* The quarters offered by the filter. */
export const quarterChoices = [1, 2, 3, 4].map((quarter) => {
  const first = DateTime.utc(2001, 4, 1).plus({ months: 3 * (quarter - 1) })
  const last = first.plus({ months: 2 })
  return {
    value: quarter,
    label: `Q${quarter}: ${first.toFormat('LLLL')} to ${last.toFormat('LLLL')}`,
  }
})
