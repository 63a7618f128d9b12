import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  ALL_GOVERNMENT,
  keyMeasures,
  MEASURE_KEYS,
  type Measure,
  type MeasureValues,
} from '#queries/insights/measures_query'
import { financialYearOf } from '#queries/insights/period'
import { percent } from '#queries/insights/rollup'

/*
 * Twelve months of daily snapshots of the key measures, so the dashboards'
 * trend lines show on a fresh demo. Today's snapshot holds today's
 * measures, exactly as the daily snapshot job (insights:snapshot) takes
 * them; the days before lead up to them: more people with a role level and
 * more meeting their requirements as the year went on, posts needed as
 * last year's and this year's plans ask, campaigns coming and going, and
 * training completed counted afresh from each April. Written in a few
 * batched inserts; deterministic for a given `now`; does nothing once any
 * snapshot exists.
 */

export const DEMO_SNAPSHOT_DAYS = 365

const COLUMNS = [
  'organisation_id',
  'organisation_key',
  'measure',
  'taken_on',
  'value',
  'created_at',
]
/*
 * Rows per statement, written as one multi-row VALUES list: 12,000 values
 * stay under SQLite's 32,766 and MySQL's 65,535 placeholders, and SQLite
 * takes the list whole (knex's multiInsert writes a UNION of SELECTs there,
 * which SQLite caps at 500).
 */
const ROWS_PER_INSERT = 2000

/* Where each measure started a year ago, as a share of today's value. */
const START_SHARE: Partial<Record<Measure, number>> = {
  people_with_role: 0.8,
  people_meeting_all: 0.55,
  in_post: 0.85,
  digital_leaders_in_place: 0.7,
  service_managers_compliant: 0.6,
}

/* The measures that are counts, which all of government adds up from its departments. */
const SUMMED: Measure[] = [
  'people_with_role',
  'people_meeting_all',
  'posts_needed',
  'in_post',
  'being_recruited',
  'enrolments_completed',
]

export type DemoSnapshotsSummary = { days: number; organisations: number; rows: number }

/* A small, steady wobble that fades out by today, so lines are not ruler-straight. */
function wobble(progress: number, phase: number) {
  return 0.03 * Math.sin(2 * Math.PI * (progress * 3 + phase)) * (1 - progress)
}

/* What a day's measures depend on, worked out once per day. */
type DayFacts = {
  /* 0 a year ago, 1 today. */
  progress: number
  /* Whether the day falls in today's financial year. */
  thisYear: boolean
  /* Days since its financial year began. */
  intoYear: number
  /* Days of today's financial year so far (at least 1). */
  daysSoFar: number
}

function dayFacts(day: DateTime, today: DateTime): DayFacts {
  const year = financialYearOf(day)
  const todaysYear = financialYearOf(today)
  return {
    progress: 1 - today.diff(day, 'days').days / DEMO_SNAPSHOT_DAYS,
    thisYear: year === todaysYear,
    intoYear: Math.max(0, day.diff(DateTime.utc(year, 4, 1), 'days').days),
    daysSoFar: Math.max(1, today.diff(DateTime.utc(todaysYear, 4, 1), 'days').days),
  }
}

/* One day's measures for one department (or all of government), from today's values. */
function measuresOn(
  { progress, thisYear, intoYear, daysSoFar }: DayFacts,
  key: number,
  values: { now: MeasureValues; lastYear: MeasureValues }
): MeasureValues {
  const phase = (key % 7) / 7
  const grown = (measure: Measure) => {
    const value = values.now[measure]
    if (value === undefined) return undefined
    const start = START_SHARE[measure] ?? 1
    return value * Math.min(1, start + (1 - start) * progress + wobble(progress, phase))
  }
  const count = (value: number | undefined) =>
    value === undefined ? undefined : Math.max(0, Math.round(value))

  const people = count(grown('people_with_role'))
  const meeting =
    people === undefined ? undefined : Math.min(people, count(grown('people_meeting_all')) ?? 0)
  // Training completed is counted from each April: this year's runs up to today's figure,
  // last year's to its year-end total (today's pace, when last year's records show none).
  const completedToday = values.now.enrolments_completed ?? 0
  const lastYearTotal = values.lastYear.enrolments_completed || (completedToday * 365) / daysSoFar
  const completed = thisYear
    ? (completedToday * intoYear) / daysSoFar
    : (lastYearTotal * intoYear) / 365
  const recruiting = values.now.being_recruited
  const share = (measure: Measure) => {
    const value = grown(measure)
    return value === undefined ? undefined : Math.min(100, Math.round(value * 10) / 10)
  }

  const result: MeasureValues = {
    capability_coverage:
      people === undefined ? undefined : (percent(meeting ?? 0, people) ?? undefined),
    people_with_role: people,
    people_meeting_all: meeting,
    posts_needed: thisYear ? values.now.posts_needed : values.lastYear.posts_needed,
    in_post: count(grown('in_post')),
    being_recruited:
      recruiting === undefined
        ? undefined
        : // Campaigns come and go, a few a quarter, up to today's.
          count(
            recruiting *
              (1 - 0.35 * (1 - progress) * (1 + Math.sin(2 * Math.PI * (progress * 4 + phase))))
          ),
    enrolments_completed: count(completed),
    digital_leaders_in_place: share('digital_leaders_in_place'),
    service_managers_compliant: share('service_managers_compliant'),
  }
  for (const measure of MEASURE_KEYS) {
    if (result[measure] === undefined || values.now[measure] === undefined) delete result[measure]
  }
  return result
}

/* Seeds the snapshot history; does nothing (returns null) once any snapshot exists. */
export async function seedDemoSnapshots(
  client: QueryClientContract,
  { now }: { now: DateTime }
): Promise<DemoSnapshotsSummary | null> {
  if (await client.from('metric_snapshots').select('id').first()) return null
  const today = now.toUTC().startOf('day')
  const lastYearDay = DateTime.utc(financialYearOf(today) - 1, 4, 1)
  const [current, lastYear] = await Promise.all([
    keyMeasures(now.toUTC()),
    keyMeasures(lastYearDay),
  ])

  // Each row's values in COLUMNS order; the organisation id is its key, read as null for 0.
  const rows: Array<Array<string | number>> = []
  const add = (key: number, takenOn: string, measures: MeasureValues) => {
    for (const [measure, value] of Object.entries(measures)) {
      rows.push([key, key, measure, takenOn, value, `${takenOn} 02:30:00`])
    }
  }
  const everyone = current.get(ALL_GOVERNMENT) ?? {}
  for (let back = DEMO_SNAPSHOT_DAYS; back >= 0; back--) {
    const day = today.minus({ days: back })
    const takenOn = day.toISODate()!
    if (back === 0) {
      for (const [key, values] of current) add(key, takenOn, values)
      continue
    }
    const facts = dayFacts(day, today)
    // Departments first; all of government adds their counts up, as the snapshot job does.
    const sums = new Map<Measure, number>()
    for (const [key, values] of current) {
      if (key === ALL_GOVERNMENT) continue
      const measures = measuresOn(facts, key, {
        now: values,
        lastYear: lastYear.get(key) ?? {},
      })
      add(key, takenOn, measures)
      for (const measure of SUMMED)
        sums.set(measure, (sums.get(measure) ?? 0) + (measures[measure] ?? 0))
    }
    const shares = measuresOn(facts, ALL_GOVERNMENT, {
      now: everyone,
      lastYear: lastYear.get(ALL_GOVERNMENT) ?? {},
    })
    const total: MeasureValues = Object.fromEntries(sums)
    total.capability_coverage =
      percent(total.people_meeting_all ?? 0, total.people_with_role ?? 0) ?? undefined
    total.digital_leaders_in_place = shares.digital_leaders_in_place
    total.service_managers_compliant = shares.service_managers_compliant
    for (const measure of MEASURE_KEYS) {
      if (total[measure] === undefined || everyone[measure] === undefined) delete total[measure]
    }
    add(ALL_GOVERNMENT, takenOn, total)
  }
  await client.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT)
      const placeholders = chunk.map(() => '(nullif(?, 0), ?, ?, ?, ?, ?)').join(', ')
      await trx.rawQuery(
        `insert into metric_snapshots (${COLUMNS.join(', ')}) values ${placeholders}`,
        chunk.flat()
      )
    }
  })
  return { days: DEMO_SNAPSHOT_DAYS + 1, organisations: current.size, rows: rows.length }
}
