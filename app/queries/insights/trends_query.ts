import db from '@adonisjs/lucid/services/db'
import {
  ALL_GOVERNMENT,
  MEASURE_KEYS,
  MEASURES,
  type Measure,
} from '#queries/insights/measures_query'
import { dateBounds, type Period } from '#queries/insights/period'
import type { SelectedOrganisation } from '#queries/insights/rollup'
import { isoDateFromSql } from '#domain/shared/uk_time'

export type Trends = {
  /* Whether snapshots are taken for this organisation at all: departments and all of government. */
  tracked: boolean
  dates: string[]
  measures: Array<{
    key: Measure
    label: string
    unit: 'percent' | 'count'
    /* One value per date; null where that day's snapshot has none. */
    values: Array<number | null>
  }>
}

/*
 * The snapshots of the selected organisation (or of all of government)
 * taken in the period, one column per measure and one row per day.
 */
export async function trends(
  selected: SelectedOrganisation | null,
  period: Period
): Promise<Trends> {
  const tracked =
    selected === null ||
    Boolean(
      await db
        .from('organisations')
        .where('id', selected.id)
        .whereNull('parent_id')
        .select('id')
        .first()
    )
  const [start, end] = dateBounds(period)
  const rows = await db
    .from('metric_snapshots')
    .where('organisation_key', selected?.id ?? ALL_GOVERNMENT)
    .where('taken_on', '>=', start)
    .where('taken_on', '<', end)
    .select('taken_on', 'measure', 'value')
    .orderBy('taken_on')
  const days = new Map<string, Map<string, number>>()
  for (const row of rows) {
    const day = isoDateFromSql(row.taken_on)!
    const values = days.get(day) ?? new Map<string, number>()
    values.set(String(row.measure), Number(row.value))
    days.set(day, values)
  }
  const dates = [...days.keys()].sort()
  return {
    tracked,
    dates,
    measures: MEASURE_KEYS.map((key) => ({
      key,
      label: MEASURES[key].label,
      unit: MEASURES[key].unit,
      values: dates.map((day) => days.get(day)!.get(key) ?? null),
    })),
  }
}

/*
 * The trends as a page shows them: the last snapshot of each month (the
 * latest one for the month still running), so a year reads as twelve rows
 * and twelve points. The CSV and the API keep every day.
 */
export function monthEnds(daily: Trends): Trends {
  const last = new Map<string, number>()
  daily.dates.forEach((day, index) => last.set(day.slice(0, 7), index))
  const kept = [...last.values()]
  return {
    ...daily,
    dates: kept.map((index) => daily.dates[index]),
    measures: daily.measures.map((measure) => ({
      ...measure,
      values: kept.map((index) => measure.values[index]),
    })),
  }
}
