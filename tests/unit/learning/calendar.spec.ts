import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createCourse, createSession } from '#database/factories/learning_factory'
import { sessionInvite } from '#services/calendar'

test.group('Calendar invites', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session in British summer time is written in Europe/London with its time zone', async ({
    assert,
  }) => {
    const course = await createCourse({ title: 'Service Manager programme' })
    const session = await createSession({
      course,
      startsAt: DateTime.fromISO('2027-06-15T08:30:00Z'),
      bookingClosesAt: DateTime.fromISO('2027-06-10T08:30:00Z'),
    })
    const invite = sessionInvite(session, course)
    assert.include(invite, 'BEGIN:VTIMEZONE')
    assert.include(invite, 'TZID:Europe/London')
    assert.include(invite, 'DTSTART;TZID=Europe/London:20270615T093000')
    assert.include(invite, 'SUMMARY:Service Manager programme')
    assert.match(invite, /DTSTAMP:\d{8}T\d{6}Z/)
    assert.include(invite, `UID:session-${session.id}@`)
  })

  test('a winter session keeps GMT wall-clock time; a cancelled one is marked cancelled', async ({
    assert,
  }) => {
    const course = await createCourse()
    const session = await createSession({
      course,
      startsAt: DateTime.fromISO('2027-01-12T09:00:00Z'),
      bookingClosesAt: DateTime.fromISO('2027-01-05T09:00:00Z'),
    })
    assert.include(sessionInvite(session, course), 'DTSTART;TZID=Europe/London:20270112T090000')
    const cancelled = sessionInvite(session, course, { cancelled: true })
    assert.include(cancelled, 'METHOD:CANCEL')
    assert.include(cancelled, 'STATUS:CANCELLED')
  })
})

test.group('Times across zones', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a start time given in UK summer time is stored and read back as the same instant', async ({
    assert,
  }) => {
    const startsAt = DateTime.fromISO('2027-06-15T09:30:00', { zone: 'Europe/London' })
    const session = await createSession({ startsAt, bookingClosesAt: startsAt.minus({ days: 2 }) })
    await session.refresh()
    assert.equal(session.startsAt.toUTC().toISO(), '2027-06-15T08:30:00.000Z')
  })
})
