import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  UK_ZONE,
  UkFormats,
  dateFromSql,
  instantFromSql,
  isoDateFromSql,
} from '#domain/shared/uk_time'

test.group('UK time: stored instants', () => {
  test('SQLite text is read as the UTC instant it stores', ({ assert }) => {
    const time = instantFromSql('2027-06-03 08:30:00')!
    assert.isTrue(time.isValid)
    assert.equal(time.toISO(), '2027-06-03T08:30:00.000Z')
    assert.equal(time.setZone(UK_ZONE).toFormat(UkFormats.dateTime), '3 Jun 2027 at 09:30')
  })

  test('a MySQL Date is the same instant as the SQLite text for it', ({ assert }) => {
    const fromMysql = instantFromSql(new Date(Date.UTC(2027, 5, 3, 8, 30)))!
    assert.equal(fromMysql.toISO(), '2027-06-03T08:30:00.000Z')
    assert.equal(+fromMysql, +instantFromSql('2027-06-03 08:30:00')!)
  })

  test('milliseconds and ISO 8601 text are read as the instants they name', ({ assert }) => {
    const millis = Date.UTC(2027, 0, 15, 14, 5)
    assert.equal(instantFromSql(millis)!.toISO(), '2027-01-15T14:05:00.000Z')
    assert.equal(instantFromSql('2027-01-15T14:05:00.000Z')!.toISO(), '2027-01-15T14:05:00.000Z')
    assert.equal(instantFromSql('2027-01-15T15:05:00+01:00')!.toISO(), '2027-01-15T14:05:00.000Z')
  })

  test('no value is null, and text that is no time is an invalid DateTime', ({ assert }) => {
    assert.isNull(instantFromSql(null))
    assert.isNull(instantFromSql(undefined))
    assert.isNull(instantFromSql(''))
    assert.isFalse(instantFromSql('not a time')!.isValid)
  })

  test('instants either side of the clocks going forward show in GMT and in BST', ({ assert }) => {
    // UK clocks go forward at 01:00 UTC on 28 March 2027.
    const before = instantFromSql('2027-03-28 00:30:00')!.setZone(UK_ZONE)
    const after = instantFromSql('2027-03-28 01:30:00')!.setZone(UK_ZONE)
    assert.equal(before.toFormat(UkFormats.dateTime), '28 Mar 2027 at 00:30')
    assert.equal(after.toFormat(UkFormats.dateTime), '28 Mar 2027 at 02:30')
    assert.equal(after.diff(before, 'minutes').minutes, 60)
  })

  test('late evening in summer is already the next UK day', ({ assert }) => {
    const summer = instantFromSql(new Date(Date.UTC(2027, 2, 28, 23, 30)))!.setZone(UK_ZONE)
    assert.equal(summer.toISODate(), '2027-03-29')
    assert.equal(summer.toFormat(UkFormats.longDate), '29 March 2027')
    const winter = instantFromSql('2027-03-27 23:30:00')!.setZone(UK_ZONE)
    assert.equal(winter.toISODate(), '2027-03-27')
  })

  test('clocks going back: the repeated UK hour stays two instants', ({ assert }) => {
    // UK clocks go back at 01:00 UTC on 31 October 2027: 01:30 happens twice.
    const first = instantFromSql('2027-10-31 00:30:00')!.setZone(UK_ZONE)
    const second = instantFromSql('2027-10-31 01:30:00')!.setZone(UK_ZONE)
    assert.equal(first.toFormat(UkFormats.time), '01:30')
    assert.equal(second.toFormat(UkFormats.time), '01:30')
    assert.equal(first.offset, 60)
    assert.equal(second.offset, 0)
  })
})

test.group('UK time: calendar dates', () => {
  test('a SQLite date and a MySQL Date name the same day, at its start', ({ assert }) => {
    const fromSqlite = dateFromSql('2027-03-28')!
    const fromMysql = dateFromSql(new Date(Date.UTC(2027, 2, 28)))!
    assert.equal(fromSqlite.toISODate(), '2027-03-28')
    assert.equal(fromMysql.toISODate(), '2027-03-28')
    assert.equal(+fromSqlite, +fromMysql)
    assert.equal(fromSqlite.toFormat('HH:mm'), '00:00')
  })

  test('a day on which the clocks change is that day, not moved by the change', ({ assert }) => {
    for (const day of ['2027-03-28', '2027-10-31']) {
      assert.equal(dateFromSql(day)!.toISODate(), day)
      assert.equal(dateFromSql(`${day} 00:00:00`)!.toISODate(), day)
      assert.equal(isoDateFromSql(new Date(`${day}T00:00:00Z`)), day)
    }
    assert.equal(dateFromSql('2027-03-28')!.toFormat(UkFormats.date), '28 Mar 2027')
  })

  test('a date as yyyy-mm-dd, whichever driver read it', ({ assert }) => {
    assert.equal(isoDateFromSql('2027-06-03'), '2027-06-03')
    assert.equal(isoDateFromSql(new Date(Date.UTC(2027, 5, 3))), '2027-06-03')
  })

  test('no value is null', ({ assert }) => {
    assert.isNull(dateFromSql(null))
    assert.isNull(dateFromSql(undefined))
    assert.isNull(isoDateFromSql(null))
    assert.isNull(isoDateFromSql(undefined))
  })
})

test.group('UK time: formats', () => {
  test('each format reads as its purpose says', ({ assert }) => {
    const moment = DateTime.fromISO('2027-06-03T08:05:00Z').setZone(UK_ZONE).setLocale('en-GB')
    assert.equal(moment.toFormat(UkFormats.date), '3 Jun 2027')
    assert.equal(moment.toFormat(UkFormats.dateTime), '3 Jun 2027 at 09:05')
    assert.equal(moment.toFormat(UkFormats.longDate), '3 June 2027')
    assert.equal(moment.toFormat(UkFormats.weekdayDate), 'Thursday 3 June 2027')
    assert.equal(moment.toFormat(UkFormats.shortWeekdayDate), 'Thu 3 Jun 2027')
    assert.equal(moment.toFormat(UkFormats.sessionStart), 'Thu 3 Jun 2027, 09:05')
    assert.equal(moment.toFormat(UkFormats.dayAndMonth), '3 June')
    assert.equal(moment.toFormat(UkFormats.time), '09:05')
    assert.equal(moment.toFormat(UkFormats.dateTimeField), '2027-06-03T09:05')
  })
})
