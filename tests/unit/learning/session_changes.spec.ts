import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import mail from '@adonisjs/mail/services/main'
import { setTimeout as sleep } from 'node:timers/promises'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import { enrol } from '#actions/learning/enrol'
import { saveCourseSession } from '#actions/learning/save_course_session'
import type { SessionInput } from '#validators/learning_admin'
import { arrangementsDiffer, arrangementsOf } from '#domain/learning/session_arrangements'
import { sessionInvite } from '#services/calendar'
import type { LearningMail } from '#mails/learning_mail'
import LearningPromoted from '#mails/learning_promoted'
import LearningSessionChanged from '#mails/learning_session_changed'
import type CourseSession from '#models/course_session'

/* The session's current arrangements as the save action takes them, with some changed. */
function inputFrom(session: CourseSession, changes: Partial<SessionInput> = {}): SessionInput {
  return {
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    bookingClosesAt: session.bookingClosesAt,
    venue: session.venue,
    accessibilityNotes: session.accessibilityNotes,
    location: session.location,
    onlineUrl: session.onlineUrl,
    capacity: session.capacity,
    ...changes,
  }
}

test.group('Session changes: sequence and announcement', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the invitation carries the session’s sequence, 0 for a session just added', async ({
    assert,
  }) => {
    const course = await createCourse()
    const session = await createSession({ course })
    assert.include(sessionInvite(session, course), 'SEQUENCE:0')
    session.inviteSequence = 3
    assert.include(sessionInvite(session, course), 'SEQUENCE:3')
    assert.include(sessionInvite(session, course, { cancelled: true }), 'SEQUENCE:3')
  })

  test('time, venue, location and link count as a change; an equal instant in another zone does not', ({
    assert,
  }) => {
    const startsAt = DateTime.fromISO('2031-06-17T08:30:00Z')
    const base = {
      startsAt,
      endsAt: startsAt.plus({ hours: 7 }),
      venue: 'Aviation House',
      location: 'London',
      onlineUrl: null,
    }
    const before = arrangementsOf(base)
    assert.isFalse(
      arrangementsDiffer(
        before,
        arrangementsOf({ ...base, startsAt: startsAt.setZone('Europe/London') })
      )
    )
    assert.isFalse(arrangementsDiffer(before, arrangementsOf({ ...base, onlineUrl: '' })))
    for (const change of [
      { startsAt: startsAt.plus({ minutes: 30 }) },
      { endsAt: startsAt.plus({ hours: 8 }) },
      { venue: '10 South Colonnade' },
      { location: 'Leeds' },
      { onlineUrl: 'https://meet.example.gov.uk/agile' },
    ]) {
      assert.isTrue(arrangementsDiffer(before, arrangementsOf({ ...base, ...change })))
    }
  })

  test('moving the booking close alone neither raises the sequence nor announces a change', async ({
    assert,
    cleanup,
  }) => {
    const events = emitter.fake()
    cleanup(() => emitter.restore())
    const session = await createSession()
    const result = await saveCourseSession(
      await session.related('course').query().firstOrFail(),
      inputFrom(session, { bookingClosesAt: session.bookingClosesAt.minus({ days: 1 }) }),
      session
    )
    assert.equal(result.type, 'saved')
    await session.refresh()
    assert.equal(session.inviteSequence, 0)
    events.assertNotEmitted('course_session:changed')
  })

  test('a change to a session that is over raises the sequence but tells nobody', async ({
    assert,
    cleanup,
  }) => {
    const events = emitter.fake()
    cleanup(() => emitter.restore())
    const startsAt = DateTime.now().minus({ days: 3 }).startOf('hour')
    const session = await createSession({ startsAt, bookingClosesAt: startsAt.minus({ days: 1 }) })
    const result = await saveCourseSession(
      await session.related('course').query().firstOrFail(),
      inputFrom(session, { venue: '10 South Colonnade' }),
      session
    )
    assert.equal(result.type, 'saved')
    await session.refresh()
    assert.equal(session.venue, '10 South Colonnade')
    assert.equal(session.inviteSequence, 1)
    events.assertNotEmitted('course_session:changed')
  })
})

test.group('Session changes: one e-mail per person', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a learner promoted by the same change gets their promotion e-mail only', async ({
    assert,
  }) => {
    const fake = mail.fake()
    const course = await createCourse({ title: 'Agile for leaders' })
    const session = await createSession({ course, capacity: 1 })
    const seated = await createUser()
    const waiting = await createUser()
    await enrol(seated, session.id)
    await enrol(waiting, session.id)
    const deadline = Date.now() + 1000
    while (fake.mails.sent().length < 2 && Date.now() < deadline) await sleep(10)
    fake.mails.clear()

    const result = await saveCourseSession(
      course,
      inputFrom(session, { capacity: 2, venue: '10 South Colonnade' }),
      session
    )
    assert.equal(result.type, 'saved')

    while (fake.mails.sent().length < 2 && Date.now() < deadline + 1000) await sleep(10)
    await sleep(50)
    const sent = fake.mails.sent() as LearningMail[]
    assert.lengthOf(sent, 2)
    const toSeated = sent.filter((sentMail) => sentMail.message.hasTo(seated.email))
    const toWaiting = sent.filter((sentMail) => sentMail.message.hasTo(waiting.email))
    assert.lengthOf(toSeated, 1)
    assert.instanceOf(toSeated[0], LearningSessionChanged)
    assert.lengthOf(toWaiting, 1)
    assert.instanceOf(toWaiting[0], LearningPromoted)
    toWaiting[0].message.assertTextIncludes('10 South Colonnade, London')
  })
})
