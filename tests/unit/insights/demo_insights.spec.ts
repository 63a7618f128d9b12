import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import DemoSeeder from '#database/seeders/demo_seeder'
import { DEMO_SNAPSHOT_DAYS, seedDemoSnapshots } from '#database/demo/insights'
import { takeSnapshots } from '#actions/insights/take_snapshots'
import { ALL_GOVERNMENT, MEASURE_KEYS } from '#queries/insights/measures_query'
import { financialYearOf, periodOf } from '#queries/insights/period'
import { monthEnds, trends } from '#queries/insights/trends_query'

const count = async () => {
  const row = await db.from('metric_snapshots').count('* as total').first()
  return Number(row.total)
}

const isoDay = (value: unknown) =>
  value instanceof Date
    ? DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()!
    : String(value).slice(0, 10)

test.group('Demo trends', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a year of daily snapshots for every department and all of government, up to today', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const today = DateTime.utc().startOf('day')
    const days = await db
      .from('metric_snapshots')
      .where('organisation_key', ALL_GOVERNMENT)
      .groupBy('taken_on')
      .select('taken_on')
      .count('* as measures')
      .orderBy('taken_on')
    assert.lengthOf(days, DEMO_SNAPSHOT_DAYS + 1, 'one snapshot a day')
    assert.equal(isoDay(days[0].taken_on), today.minus({ days: 365 }).toISODate())
    assert.equal(isoDay(days.at(-1)!.taken_on), today.toISODate())
    assert.isTrue(
      days.every((row) => Number(row.measures) === MEASURE_KEYS.length),
      'all of government has every measure every day'
    )
    const departments = await db.from('organisations').whereNull('parent_id').count('* as total')
    const keys = await db.from('metric_snapshots').countDistinct('organisation_key as total')
    assert.equal(Number(keys[0].total), Number(departments[0].total) + 1)

    // Today's snapshot is the one the daily job takes: running it now adds nothing.
    const before = await count()
    const job = await takeSnapshots()
    assert.equal(job.written, 0)
    assert.equal(await count(), before)
  }).timeout(90_000)

  test('the trend lines move over the year and end at today’s measures', async ({ assert }) => {
    await new DemoSeeder(db.connection()).run()
    const today = DateTime.utc()
    const year = financialYearOf(today)
    const thisYear = await trends(null, periodOf(year))
    const lastYear = await trends(null, periodOf(year - 1))
    assert.isAtLeast(lastYear.dates.length, 1, 'last financial year has snapshots too')
    assert.equal(thisYear.dates.at(-1), today.toISODate())
    const series = (key: string) => [
      ...lastYear.measures.find((measure) => measure.key === key)!.values,
      ...thisYear.measures.find((measure) => measure.key === key)!.values,
    ]
    for (const key of ['people_with_role', 'people_meeting_all', 'capability_coverage']) {
      const values = series(key) as number[]
      assert.isTrue(
        values.every((value) => value !== null),
        `${key} every day`
      )
      assert.isBelow(values[0], values.at(-1)!, `${key} grew over the year`)
    }
    // Training completed is counted afresh from April.
    const completed = thisYear.measures.find((m) => m.key === 'enrolments_completed')!
    assert.equal(completed.values[0], 0)
    // Month ends: one point a month on the page.
    const shown = monthEnds(thisYear)
    assert.equal(shown.dates.length, new Set(thisYear.dates.map((day) => day.slice(0, 7))).size)

    // Each count of all of government adds up its departments' that day.
    const day = thisYear.dates[Math.floor(thisYear.dates.length / 2)]
    const rows = await db
      .from('metric_snapshots')
      .where('taken_on', day)
      .where('measure', 'people_with_role')
      .select('organisation_key', 'value')
    const total = rows.find((row) => Number(row.organisation_key) === ALL_GOVERNMENT)
    const sum = rows
      .filter((row) => Number(row.organisation_key) !== ALL_GOVERNMENT)
      .reduce((added, row) => added + Number(row.value), 0)
    assert.equal(Number(total.value), sum)
  }).timeout(90_000)

  test('running the demo seeder again adds no snapshots', async ({ assert }) => {
    await new DemoSeeder(db.connection()).run()
    const first = await count()
    assert.isAbove(first, 0)
    await new DemoSeeder(db.connection()).run()
    assert.isNull(await seedDemoSnapshots(db.connection(), { now: DateTime.now() }))
    assert.equal(await count(), first)
  }).timeout(90_000)
})
