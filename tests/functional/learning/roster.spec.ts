import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createEnrolment, createSession } from '#database/factories/learning_factory'
import { createSkill } from '#database/factories/framework_factory'
import type User from '#models/user'
import AuditEvent from '#models/audit_event'
import CourseSession from '#models/course_session'
import Enrolment from '#models/enrolment'
import LearningRecord from '#models/learning_record'
import SkillClaim from '#models/skill_claim'
import { recordAttendance } from '#actions/learning/record_attendance'
import { submitAs } from '#tests/support/forms'
import { type FormChange, assertPagesAndChangesAnswer } from '#tests/support/page_access'
import { enrolled, statusOf } from '#tests/support/enrolments'
import { providersWithAdmins } from '#tests/support/fixtures/providers'

/*
 * A course of provider A with one skill outcome and a session of two
 * places a week ahead: Ada and Ben booked, Cal and Dee on the waiting
 * list, Eve awaiting approval. Provider B has an admin of its own.
 */
async function fullSession() {
  const { adminA, adminB, providerA } = await providersWithAdmins()
  const skill = await createSkill('Agile working')
  const course = await createCourse({
    provider: providerA,
    title: 'Agile for teams',
    outcomes: { [skill.id]: 3 },
  })
  const session = await createSession({ course, capacity: 2 })
  const names = ['Ada Lovelace', 'Ben Okri', 'Cal Evans', 'Dee Patel', 'Eve Moor']
  const people: User[] = []
  for (const fullName of names) people.push(await createUser({ overrides: { fullName } }))
  const [ada, ben, cal, dee, eve] = people
  const enrolments = {
    ada: await enrolled(ada, session.id),
    ben: await enrolled(ben, session.id),
    cal: await enrolled(cal, session.id),
    dee: await enrolled(dee, session.id),
    eve: await createEnrolment(session, eve, { status: 'requested' }),
  }
  return { adminA, adminB, course, skill, session, people, enrolments }
}

/* Moves a session's start into the past: it has begun. */
async function start(session: CourseSession) {
  session.startsAt = DateTime.now().minus({ hours: 2 })
  session.endsAt = DateTime.now().plus({ hours: 5 })
  session.bookingClosesAt = DateTime.now().minus({ days: 1 })
  await session.save()
}

async function sessionStatus(session: CourseSession) {
  const row = await CourseSession.findOrFail(session.id)
  return row.status
}

test.group('Rosters: access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an admin of another provider, a learner and HR cannot see the roster or change anyone on it', async ({
    client,
    assert,
  }) => {
    const { adminB, session, enrolments } = await fullSession()
    const learner = await createUser()
    const hr = await createUser({ roles: ['department_hr'] })
    await start(session)
    const pages = [
      `/learning/admin/sessions/${session.id}`,
      `/learning/admin/sessions/${session.id}/cancel`,
      `/learning/admin/enrolments/${enrolments.ada.id}/cancel`,
    ]
    const changes: FormChange[] = [
      ['post', `/learning/admin/enrolments/${enrolments.ada.id}/attendance`, { mark: 'attended' }],
      ['post', `/learning/admin/enrolments/${enrolments.ben.id}/attendance`, { mark: 'no_show' }],
      ['post', `/learning/admin/enrolments/${enrolments.ada.id}/cancel`, { reason: 'Mischief' }],
      ['post', `/learning/admin/sessions/${session.id}/cancel`, { reason: 'Mischief' }],
    ]
    for (const user of [adminB, learner, hr]) {
      await assertPagesAndChangesAnswer(assert, client, user, { pages, changes }, 403)
    }
    assert.equal(await statusOf(enrolments.ada), 'booked')
    assert.equal(await statusOf(enrolments.ben), 'booked')
    assert.equal(await sessionStatus(session), 'scheduled')
    assert.lengthOf(await AuditEvent.query().whereIn('actor_id', [adminB.id, learner.id, hr.id]), 0)
  })

  test('an unknown enrolment answers 404', async ({ client }) => {
    const { adminA } = await fullSession()
    const response = await submitAs(client, adminA).post(
      '/learning/admin/enrolments/999999/attendance',
      { mark: 'attended' }
    )
    response.assertStatus(404)
  })
})

test.group('Rosters: who is on a session', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the roster lists everyone by status, the waiting list by position, without attendance buttons before the start', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    const response = await client.get(`/learning/admin/sessions/${session.id}`).loginAs(adminA)
    response.assertStatus(200)
    const html = response.text()
    for (const [status, caption] of [
      ['booked', 'Booked (2)'],
      ['waitlisted', 'On the waiting list (2)'],
      ['requested', 'Awaiting approval (1)'],
    ]) {
      assert.include(html, `<caption id="${status}-caption">${caption}</caption>`)
    }
    assert.notMatch(html, /<caption[^>]*>Completed/)
    assert.match(html, /<td>1<\/td>\s*<th scope="row" class="font-normal">\s*Cal Evans/)
    assert.match(html, /<td>2<\/td>\s*<th scope="row" class="font-normal">\s*Dee Patel/)
    assert.isBelow(html.indexOf('Ada Lovelace'), html.indexOf('Cal Evans'))
    assert.isBelow(html.indexOf('Dee Patel'), html.indexOf('Eve Moor'))
    assert.include(html, 'Attendance can be marked once the session starts')
    assert.notInclude(html, 'Mark attended')
    assert.include(html, `href="/learning/admin/enrolments/${enrolments.cal.id}/cancel"`)
  })

  test('after the start the roster offers attendance for booked people only', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    await start(session)
    const response = await client.get(`/learning/admin/sessions/${session.id}`).loginAs(adminA)
    const html = response.text()
    const forms = [...html.matchAll(/action="\/learning\/admin\/enrolments\/(\d+)\/attendance"/g)]
    const ids = [...new Set(forms.map((match) => Number(match[1])))]
    assert.sameMembers(ids, [enrolments.ada.id, enrolments.ben.id])
    assert.include(html, 'Mark attended')
    assert.include(html, 'Mark no-show')
    assert.notInclude(html, 'Mark completed')
  })
})

test.group('Rosters: attendance and completion', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('attendance is refused before the session starts, with a clear message', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    const response = await submitAs(client, adminA).post(
      `/learning/admin/enrolments/${enrolments.ada.id}/attendance`,
      { mark: 'attended' }
    )
    response.assertHeader('location', `/learning/admin/sessions/${session.id}`)
    const starts = session.startsAt.setZone('Europe/London').toFormat("d LLL yyyy 'at' HH:mm")
    response.assertFlashMessage(
      'error',
      `Attendance can be marked once the session starts, on ${starts}`
    )
    assert.equal(await statusOf(enrolments.ada), 'booked')
  })

  test('a course admin marks attended then completed, which writes the learning record and a skill claim', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments, people, skill } = await fullSession()
    await start(session)
    const mark = (enrolment: Enrolment, value: string) =>
      submitAs(client, adminA).post(`/learning/admin/enrolments/${enrolment.id}/attendance`, {
        mark: value,
      })

    const early = await mark(enrolments.ada, 'completed')
    early.assertFlashMessage('error', 'Ada Lovelace is booked, so cannot be marked completed')
    assert.equal(await statusOf(enrolments.ada), 'booked')

    const attended = await mark(enrolments.ada, 'attended')
    attended.assertFlashMessage('success', 'Ada Lovelace marked as attended')
    assert.equal(await statusOf(enrolments.ada), 'attended')

    const completed = await mark(enrolments.ada, 'completed')
    completed.assertFlashMessage(
      'success',
      'Ada Lovelace marked as completed: the course is now on their learning record'
    )
    assert.equal(await statusOf(enrolments.ada), 'completed')
    const record = await LearningRecord.findByOrFail('enrolment_id', enrolments.ada.id)
    assert.equal(record.userId, people[0].id)
    assert.equal(record.title, 'Agile for teams')
    assert.equal(record.providerName, 'Digital Academy')
    const claims = await SkillClaim.query().where('user_id', people[0].id)
    assert.deepEqual(
      claims.map((claim) => [claim.skillId, claim.level, claim.status]),
      [[skill.id, 3, 'pending']]
    )

    const noShow = await mark(enrolments.ben, 'no_show')
    noShow.assertFlashMessage('success', 'Ben Okri marked as a no-show')
    assert.equal(await statusOf(enrolments.ben), 'no_show')
    const notCompleted = await mark(enrolments.ben, 'completed')
    notCompleted.assertFlashMessage(
      'error',
      'Ben Okri is marked as a no-show, so cannot be marked completed'
    )
    assert.isNull(await LearningRecord.findBy('enrolment_id', enrolments.ben.id))
    const waiting = await mark(enrolments.cal, 'attended')
    waiting.assertFlashMessage(
      'error',
      'Cal Evans is on the waiting list, so cannot be marked attended'
    )

    const events = await AuditEvent.query().where({
      actor_id: adminA.id,
      subject_type: 'enrolment',
      subject_id: String(enrolments.ada.id),
      action: 'update',
    })
    assert.deepEqual(
      events.map((event) => event.afterValues.status),
      ['attended', 'completed']
    )
    const roster = await client.get(`/learning/admin/sessions/${session.id}`).loginAs(adminA)
    roster.assertTextIncludes('<caption id="completed-caption">Completed (1)</caption>')
    roster.assertTextIncludes('<caption id="no_show-caption">Did not attend (1)</caption>')
  })

  test('an unknown mark is refused with a message', async ({ client, assert }) => {
    const { adminA, session, enrolments } = await fullSession()
    await start(session)
    const response = await submitAs(client, adminA).post(
      `/learning/admin/enrolments/${enrolments.ada.id}/attendance`,
      { mark: 'excused' }
    )
    response.assertFlashMessage('inputErrorsBag', {
      mark: ['Choose attended, no-show or completed'],
    })
    assert.equal(await statusOf(enrolments.ada), 'booked')
  })
})

test.group('Rosters: cancelling', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('cancelling a session cancels every enrolment on it and tells each learner', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { adminA, course, session, enrolments } = await fullSession()
    const form = await client.get(`/learning/admin/sessions/${session.id}/cancel`).loginAs(adminA)
    form.assertStatus(200)
    form.assertTextIncludes('5 people have a place, a place on the waiting list or a request')

    const noReason = await submitAs(client, adminA).post(
      `/learning/admin/sessions/${session.id}/cancel`,
      { reason: '  ' }
    )
    noReason.assertFlashMessage('inputErrorsBag', { reason: ['Enter the reason for cancelling'] })
    assert.equal(await sessionStatus(session), 'scheduled')

    const events = emitter.fake()
    cleanup(() => emitter.restore())
    const response = await submitAs(client, adminA).post(
      `/learning/admin/sessions/${session.id}/cancel`,
      { reason: 'The trainer is ill' }
    )
    response.assertHeader('location', `/learning/admin/courses/${course.id}/edit#sessions`)
    response.assertFlashMessage('success', 'Session cancelled: 5 people were told')

    await session.refresh()
    assert.equal(session.status, 'cancelled')
    assert.equal(session.cancellationReason, 'The trainer is ill')
    const rows = await Enrolment.query().where('session_id', session.id).orderBy('id')
    assert.deepEqual(
      rows.map((row) => [row.status, row.cancelledBy, row.activeSessionId, row.waitlistPosition]),
      Array.from({ length: 5 }, () => ['cancelled', adminA.id, null, null])
    )
    assert.equal(rows[0].cancellationReason, 'Session cancelled: The trainer is ill')
    const told = events
      .all()
      .filter(
        (event) =>
          event.event === 'enrolment:changed' &&
          (event.data as { changes: string[] }).changes.includes('session_cancelled')
      )
      .map((event) => (event.data as { enrolmentId: number }).enrolmentId)
    assert.sameMembers(
      told,
      Object.values(enrolments).map((enrolment) => enrolment.id)
    )
    const audited = await AuditEvent.query().where({
      actor_id: adminA.id,
      action: 'update',
      subject_type: 'enrolment',
    })
    assert.lengthOf(audited, 5)
    const sessionEvent = await AuditEvent.query()
      .where({ actor_id: adminA.id, subject_type: 'course_session', action: 'update' })
      .firstOrFail()
    assert.equal(sessionEvent.afterValues.status, 'cancelled')

    const again = await submitAs(client, adminA).post(
      `/learning/admin/sessions/${session.id}/cancel`,
      { reason: 'Twice' }
    )
    assert.match(String(again.flashMessages().error), /was already cancelled$/)
  })

  test('a session that has started cannot be cancelled', async ({ client, assert }) => {
    const { adminA, session, enrolments } = await fullSession()
    await start(session)
    const response = await submitAs(client, adminA).post(
      `/learning/admin/sessions/${session.id}/cancel`,
      { reason: 'Too late' }
    )
    assert.match(
      String(response.flashMessages().error),
      /has already started, so it cannot be cancelled$/
    )
    assert.equal(await sessionStatus(session), 'scheduled')
    assert.equal(await statusOf(enrolments.ada), 'booked')
  })

  test('after booking closes an admin can still cancel a booking, and the first waitlisted learner gets the place', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    session.bookingClosesAt = DateTime.now().minus({ hours: 1 })
    await session.save()

    const form = await client
      .get(`/learning/admin/enrolments/${enrolments.ada.id}/cancel`)
      .loginAs(adminA)
    form.assertStatus(200)
    form.assertTextIncludes('Cancel Ada Lovelace’s booking')

    const noReason = await submitAs(client, adminA).post(
      `/learning/admin/enrolments/${enrolments.ada.id}/cancel`,
      { reason: '' }
    )
    noReason.assertFlashMessage('inputErrorsBag', { reason: ['Enter the reason for cancelling'] })
    assert.equal(await statusOf(enrolments.ada), 'booked')

    const response = await submitAs(client, adminA).post(
      `/learning/admin/enrolments/${enrolments.ada.id}/cancel`,
      { reason: 'Called in sick' }
    )
    response.assertHeader('location', `/learning/admin/sessions/${session.id}`)
    response.assertFlashMessage(
      'success',
      'Booking cancelled for Ada Lovelace: the first person on the waiting list now has the place'
    )
    const ada = await Enrolment.findOrFail(enrolments.ada.id)
    assert.equal(ada.status, 'cancelled')
    assert.equal(ada.cancelledBy, adminA.id)
    assert.equal(ada.cancellationReason, 'Called in sick')
    assert.equal(await statusOf(enrolments.cal), 'booked')
    const dee = await Enrolment.findOrFail(enrolments.dee.id)
    assert.equal(dee.status, 'waitlisted')
    assert.equal(dee.waitlistPosition, 1)
    const event = await AuditEvent.query()
      .where({
        actor_id: adminA.id,
        action: 'update',
        subject_type: 'enrolment',
        subject_id: String(ada.id),
      })
      .firstOrFail()
    assert.equal(event.afterValues.status, 'cancelled')

    const again = await submitAs(client, adminA).post(
      `/learning/admin/enrolments/${enrolments.ada.id}/cancel`,
      { reason: 'Twice' }
    )
    again.assertFlashMessage(
      'error',
      'Ada Lovelace is cancelled, so the booking cannot be cancelled'
    )
  })
})

/* Moves a session into the past: it ran three days ago, from 9:30 to 4:30pm UK time. */
async function ranDaysAgo(session: CourseSession, days = 3) {
  session.startsAt = DateTime.now()
    .setZone('Europe/London')
    .minus({ days })
    .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
  session.endsAt = session.startsAt.plus({ hours: 7 })
  session.bookingClosesAt = session.startsAt.minus({ days: 1 })
  await session.save()
}

function ukDate(value: DateTime) {
  return value.setZone('Europe/London').toISODate()
}

test.group('Rosters: the completion date', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a completion goes on the learning record on the day the session ended, not the day it is marked', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    await ranDaysAgo(session)
    for (const mark of ['attended', 'completed']) {
      await submitAs(client, adminA).post(
        `/learning/admin/enrolments/${enrolments.ada.id}/attendance`,
        { mark }
      )
    }
    const record = await LearningRecord.findByOrFail('enrolment_id', enrolments.ada.id)
    assert.equal(record.completedOn.toISODate(), ukDate(session.endsAt))
    assert.notEqual(record.completedOn.toISODate(), ukDate(DateTime.now()))
  })

  test('the roster’s form starts with the session’s last day, and a course admin can record another day within the session and today', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    await ranDaysAgo(session, 5)
    await recordAttendance(enrolments.ada.id, 'attended')
    await recordAttendance(enrolments.ben.id, 'attended')

    const roster = await client.get(`/learning/admin/sessions/${session.id}`).loginAs(adminA)
    const last = session.endsAt.setZone('Europe/London')
    roster.assertTextIncludes(
      `name="completedOn[day]" type="text" inputmode="numeric" value="${last.day}"`
    )
    roster.assertTextIncludes(
      `name="completedOn[year]" type="text" inputmode="numeric" value="${last.year}"`
    )

    const post = (completedOn: Record<string, string>, people: Enrolment[]) =>
      submitAs(client, adminA).post(`/learning/admin/sessions/${session.id}/attendance`, {
        'mark': 'completed',
        'enrolments[]': people.map((p) => String(p.id)),
        completedOn,
      })
    const parts = (value: DateTime) => ({
      day: String(value.day),
      month: String(value.month),
      year: String(value.year),
    })
    const firstDay = session.startsAt.setZone('Europe/London')

    const before = await post(parts(firstDay.minus({ days: 1 })), [enrolments.ada])
    before.assertFlashMessage('inputErrorsBag', {
      completedOn: [
        `The completion date must be on or after the day the session started, ${firstDay.setLocale('en-GB').toFormat('d LLLL yyyy')}`,
      ],
    })
    const future = await post(parts(DateTime.now().setZone('Europe/London').plus({ days: 1 })), [
      enrolments.ada,
    ])
    future.assertFlashMessage('inputErrorsBag', {
      completedOn: ['The completion date must be today or in the past'],
    })
    const unreal = await post({ day: '31', month: '2', year: '2026' }, [enrolments.ada])
    unreal.assertFlashMessage('inputErrorsBag', {
      completedOn: ['The completion date must be a real date'],
    })
    const partial = await post({ day: '3', month: '', year: '' }, [enrolments.ada])
    partial.assertFlashMessage('inputErrorsBag', {
      completedOn: ['The completion date must include a month and a year'],
    })
    assert.equal(await statusOf(enrolments.ada), 'attended')
    assert.isNull(await LearningRecord.findBy('enrolment_id', enrolments.ada.id))

    const chosen = firstDay.plus({ days: 2 })
    const done = await post(parts(chosen), [enrolments.ada, enrolments.ben])
    done.assertHeader('location', `/learning/admin/sessions/${session.id}`)
    const day = chosen.setLocale('en-GB').toFormat('d LLLL yyyy')
    done.assertFlashMessage(
      'success',
      `2 people marked as completed on ${day}: the course is now on their learning record: Ada Lovelace and Ben Okri`
    )
    for (const enrolment of [enrolments.ada, enrolments.ben]) {
      const record = await LearningRecord.findByOrFail('enrolment_id', enrolment.id)
      assert.equal(record.completedOn.toISODate(), chosen.toISODate())
    }
  })
})

test.group('Rosters: many people at once', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('after the start the roster has a box for each person who can be marked, one to select each group, and one form', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    await start(session)
    const roster = await client.get(`/learning/admin/sessions/${session.id}`).loginAs(adminA)
    const html = roster.text()
    const boxes = [
      ...html.matchAll(/name="enrolments\[\]" value="(\d+)" form="roster-attendance"/g),
    ]
    assert.sameMembers(
      boxes.map((match) => Number(match[1])),
      [enrolments.ada.id, enrolments.ben.id]
    )
    assert.include(html, 'name="all[]" value="booked" form="roster-attendance"')
    assert.include(html, 'Select everyone booked')
    assert.include(html, 'Select Ada Lovelace')
    assert.include(
      html,
      `<form id="roster-attendance" method="POST" action="/learning/admin/sessions/${session.id}/attendance" novalidate>`
    )
  })

  test('a course admin marks the people ticked, sees a summary naming who changed and who could not, and each change is audited', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    await start(session)
    const response = await submitAs(client, adminA).post(
      `/learning/admin/sessions/${session.id}/attendance`,
      {
        'mark': 'attended',
        'enrolments[]': [enrolments.ada, enrolments.ben, enrolments.cal].map((e) => String(e.id)),
      }
    )
    response.assertHeader('location', `/learning/admin/sessions/${session.id}`)
    response.assertFlashMessage('success', '2 people marked as attended: Ada Lovelace and Ben Okri')
    response.assertFlashMessage(
      'error',
      'Not changed: Cal Evans is on the waiting list, so cannot be marked attended'
    )
    assert.equal(await statusOf(enrolments.ada), 'attended')
    assert.equal(await statusOf(enrolments.ben), 'attended')
    assert.equal(await statusOf(enrolments.cal), 'waitlisted')
    const events = await AuditEvent.query().where({
      actor_id: adminA.id,
      subject_type: 'enrolment',
      action: 'update',
    })
    assert.sameDeepMembers(
      events.map((event) => [event.subjectId, event.afterValues.status]),
      [
        [String(enrolments.ada.id), 'attended'],
        [String(enrolments.ben.id), 'attended'],
      ]
    )
  })

  test('“select all” marks everyone the group listed when the page was drawn, without JavaScript, and no one added since', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    await ranDaysAgo(session)
    const response = await submitAs(client, adminA).post(
      `/learning/admin/sessions/${session.id}/attendance`,
      {
        'mark': 'attended',
        'all[]': ['booked'],
        'listed[booked][]': [String(enrolments.ada.id)],
      }
    )
    response.assertFlashMessage('success', '1 person marked as attended: Ada Lovelace')
    assert.equal(await statusOf(enrolments.ada), 'attended')
    assert.equal(await statusOf(enrolments.ben), 'booked')

    const completed = await submitAs(client, adminA).post(
      `/learning/admin/sessions/${session.id}/attendance`,
      {
        'mark': 'completed',
        'all[]': ['attended'],
        'listed[attended][]': [String(enrolments.ada.id)],
      }
    )
    assert.match(String(completed.flashMessages().success), /^1 person marked as completed on /)
    const record = await LearningRecord.findByOrFail('enrolment_id', enrolments.ada.id)
    assert.equal(record.completedOn.toISODate(), ukDate(session.endsAt))
  })

  test('sending no one, an unknown mark, or people of another session changes nothing and says why', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    await start(session)
    const other = await createSession({ course: await createCourse() })
    const stranger = await enrolled(await createUser(), other.id)
    const post = (form: Record<string, unknown>) =>
      submitAs(client, adminA).post(`/learning/admin/sessions/${session.id}/attendance`, form)

    const nobody = await post({ mark: 'attended' })
    nobody.assertFlashMessage('inputErrorsBag', { enrolments: ['Select the people to record'] })
    const noMark = await post({ 'enrolments[]': [String(enrolments.ada.id)] })
    noMark.assertFlashMessage('inputErrorsBag', {
      mark: ['Choose what to record for the people you selected'],
    })
    const elsewhere = await post({ 'mark': 'attended', 'enrolments[]': [String(stranger.id)] })
    elsewhere.assertFlashMessage('inputErrorsBag', { enrolments: ['Select the people to record'] })
    assert.equal(await statusOf(enrolments.ada), 'booked')
    assert.equal(await statusOf(stranger), 'booked')
  })

  test('an admin of another provider cannot mark people on the session', async ({
    client,
    assert,
  }) => {
    const { adminB, session, enrolments } = await fullSession()
    await start(session)
    const response = await submitAs(client, adminB).post(
      `/learning/admin/sessions/${session.id}/attendance`,
      { 'mark': 'attended', 'enrolments[]': [String(enrolments.ada.id)] }
    )
    response.assertStatus(403)
    assert.equal(await statusOf(enrolments.ada), 'booked')
  })

  test('marking many before the session starts is refused with the start time', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    const response = await submitAs(client, adminA).post(
      `/learning/admin/sessions/${session.id}/attendance`,
      { 'mark': 'attended', 'enrolments[]': [String(enrolments.ada.id)] }
    )
    const starts = session.startsAt.setZone('Europe/London').toFormat("d LLL yyyy 'at' HH:mm")
    response.assertFlashMessage(
      'error',
      `Attendance can be marked once the session starts, on ${starts}`
    )
    assert.equal(await statusOf(enrolments.ada), 'booked')
  })
})

test.group('Rosters: the words for cancelling', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a request is cancelled as a request and a waiting-list place removed, each in its own words', async ({
    client,
    assert,
  }) => {
    const { adminA, session, enrolments } = await fullSession()
    const roster = await client.get(`/learning/admin/sessions/${session.id}`).loginAs(adminA)
    const html = roster.text()
    const link = (id: number) =>
      html.match(
        new RegExp(`href="/learning/admin/enrolments/${id}/cancel">([^<]+)<span class="sr-only">`)
      )?.[1]
    assert.equal(link(enrolments.ada.id), 'Cancel booking')
    assert.equal(link(enrolments.cal.id), 'Remove from the waiting list')
    assert.equal(link(enrolments.eve.id), 'Cancel request')

    const form = await client
      .get(`/learning/admin/enrolments/${enrolments.eve.id}/cancel`)
      .loginAs(adminA)
    form.assertTextIncludes('<h1>Cancel Eve Moor’s request</h1>')
    form.assertTextIncludes('Cancel the request')
    form.assertTextIncludes('Keep the request')
    const cancelled = await submitAs(client, adminA).post(
      `/learning/admin/enrolments/${enrolments.eve.id}/cancel`,
      { reason: 'Duplicate request' }
    )
    cancelled.assertFlashMessage('success', 'Request cancelled for Eve Moor')
    assert.equal(await statusOf(enrolments.eve), 'cancelled')

    const waiting = await client
      .get(`/learning/admin/enrolments/${enrolments.dee.id}/cancel`)
      .loginAs(adminA)
    waiting.assertTextIncludes('<h1>Remove Dee Patel from the waiting list</h1>')
    const removed = await submitAs(client, adminA).post(
      `/learning/admin/enrolments/${enrolments.dee.id}/cancel`,
      { reason: 'No longer needed' }
    )
    removed.assertFlashMessage('success', 'Dee Patel removed from the waiting list')
  })
})
