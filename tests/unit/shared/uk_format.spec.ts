import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import {
  dayMonthYear,
  dayMonthYearAtTime,
  ukCost,
  ukCount,
  ukShortWeekdayDate,
  ukSterling,
  ukTenths,
  ukTimeOfDay,
} from '#domain/shared/uk_format'

/*
 * What pages wrote before the cached formatters: Luxon's zone, locale and
 * format string, and toLocaleString, per value. The formatters must give
 * the same bytes for every value.
 */
const before = {
  shortWeekdayDate: (value: DateTime) =>
    value.setZone(UK_ZONE).setLocale('en-GB').toFormat(UkFormats.shortWeekdayDate),
  timeOfDay: (value: DateTime) => {
    const local = value.setZone(UK_ZONE)
    if (local.hour === 12 && local.minute === 0) return 'midday'
    if (local.hour === 0 && local.minute === 0) return 'midnight'
    const hour = local.hour % 12 === 0 ? 12 : local.hour % 12
    const minutes = local.minute ? `:${String(local.minute).padStart(2, '0')}` : ''
    return `${hour}${minutes}${local.hour < 12 ? 'am' : 'pm'}`
  },
  date: (value: DateTime) => value.toFormat(UkFormats.date),
  dateTime: (value: DateTime) => value.toFormat(UkFormats.dateTime),
  count: (value: number) => value.toLocaleString('en-GB'),
  cost: (pence: number) => {
    if (!pence) return 'Free'
    const whole = pence % 100 === 0
    return `£${(pence / 100).toLocaleString('en-GB', {
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    })}`
  },
}

/* Every quarter of an hour for two days around each UK clock change from 2024 to 2030, and every midnight of 2027. */
function instants() {
  const found: DateTime[] = []
  for (let year = 2024; year <= 2030; year++) {
    for (const month of [3, 10]) {
      // The last Sunday of March and of October, at 01:00 UTC.
      const lastSunday = DateTime.utc(year, month, 31).minus({
        days: DateTime.utc(year, month, 31).weekday % 7,
      })
      const start = lastSunday.minus({ days: 1 })
      for (let quarter = 0; quarter < 4 * 48; quarter++) {
        found.push(start.plus({ minutes: 15 * quarter }))
      }
    }
  }
  for (let day = DateTime.utc(2027, 1, 1); day.year === 2027; day = day.plus({ days: 1 })) {
    found.push(day, day.minus({ hours: 1 }), day.minus({ minutes: 1 }), day.plus({ seconds: 59 }))
  }
  // A spread of instants from 1970 to 2100, one every 7 days and 37 minutes.
  for (let ms = 0; ms < Date.UTC(2100, 0, 1); ms += (7 * 24 * 60 + 37) * 60_000) {
    found.push(DateTime.fromMillis(ms, { zone: 'utc' }))
  }
  return found
}

test.group('UK formats from cached Intl formatters', () => {
  test('weekday dates and times of day match Luxon on every instant, in whatever zone the value is', ({
    assert,
  }) => {
    const all = instants()
    assert.isAbove(all.length, 7000)
    let compared = 0
    for (const instant of all) {
      for (const value of [instant, instant.setZone(UK_ZONE), instant.toLocal()]) {
        assert.strictEqual(ukShortWeekdayDate(value), before.shortWeekdayDate(value))
        assert.strictEqual(ukTimeOfDay(value), before.timeOfDay(value))
        compared += 1
      }
    }
    assert.equal(compared, all.length * 3)
  })

  test('the UK clock changes are where Luxon puts them: 01:00 UTC is 2am in summer and 1am in winter', ({
    assert,
  }) => {
    assert.equal(ukTimeOfDay(DateTime.utc(2027, 3, 28, 0, 59)), '12:59am')
    assert.equal(ukTimeOfDay(DateTime.utc(2027, 3, 28, 1, 0)), '2am')
    assert.equal(ukTimeOfDay(DateTime.utc(2027, 10, 31, 0, 59)), '1:59am')
    assert.equal(ukTimeOfDay(DateTime.utc(2027, 10, 31, 1, 0)), '1am')
    assert.equal(ukTimeOfDay(DateTime.utc(2027, 6, 30, 23, 0)), 'midnight')
    assert.equal(ukShortWeekdayDate(DateTime.utc(2027, 6, 30, 23, 0)), 'Thu 1 Jul 2027')
    assert.equal(ukShortWeekdayDate(DateTime.utc(2027, 12, 31, 23, 0)), 'Fri 31 Dec 2027')
    assert.equal(
      ukShortWeekdayDate(DateTime.utc(2027, 9, 1, 11, 0)),
      before.shortWeekdayDate(DateTime.utc(2027, 9, 1, 11, 0))
    )
  })

  test("a page's dates and moments match Luxon's format in the value's own zone and locale", ({
    assert,
  }) => {
    for (const instant of instants()) {
      for (const value of [
        instant,
        instant.setZone(UK_ZONE),
        instant.toLocal(),
        instant.setLocale('en-GB'),
        instant.setZone(UK_ZONE).setLocale('en-GB'),
      ]) {
        assert.strictEqual(dayMonthYear(value), before.date(value))
        assert.strictEqual(dayMonthYearAtTime(value), before.dateTime(value))
      }
    }
  })

  test('an invalid time is written as Luxon writes it', ({ assert }) => {
    const invalid = DateTime.fromISO('not a time')
    assert.strictEqual(dayMonthYear(invalid), before.date(invalid))
    assert.strictEqual(dayMonthYearAtTime(invalid), before.dateTime(invalid))
    assert.strictEqual(ukShortWeekdayDate(invalid), before.shortWeekdayDate(invalid))
  })

  test('counts and costs match toLocaleString', ({ assert }) => {
    const values = [0, 1, 7, 999, 1000, 1234.5, 12_345, 999_999, 1_000_000, 2_500_000, -42, 0.123]
    for (let n = 1; n < 5_000_000; n = Math.ceil(n * 1.37) + 3) values.push(n)
    for (const value of values) assert.strictEqual(ukCount(value), before.count(value))
    const pence = [0, 1, 5, 50, 99, 100, 101, 45_000, 45_050, 123_456, 9_999_999]
    for (let p = 1; p < 10_000_000; p = Math.ceil(p * 1.29) + 7) pence.push(p)
    for (const value of pence) assert.strictEqual(ukCost(value), before.cost(value))
  })

  test("dashboards' shares and sums of money match toLocaleString", ({ assert }) => {
    const values = [
      0, 0.04, 0.05, 0.15, 1, 12.25, 12.35, 33.333, 50, 66.666, 99.95, 100, 1234.56, -7.5,
    ]
    for (let n = 0.001; n < 2_000_000; n = n * 1.37 + 0.011) values.push(n)
    for (const value of values) {
      assert.strictEqual(
        ukTenths(value),
        value.toLocaleString('en-GB', { maximumFractionDigits: 1 })
      )
    }
    const pence = [0, 1, 99, 100, 12_345, 1_000_000, 123_456_789, -500]
    for (let p = 1; p < 1e10; p = Math.ceil(p * 1.31) + 3) pence.push(p)
    for (const value of pence) {
      assert.strictEqual(
        ukSterling(value),
        (value / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' })
      )
    }
  })
})
