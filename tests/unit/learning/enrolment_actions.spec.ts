import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
import { colleagues } from '#tests/support/people'
import { createCourse, createEnrolment, createSession } from '#database/factories/learning_factory'
import { createSkill } from '#database/factories/framework_factory'
import { enrol } from '#actions/learning/enrol'
import { decideRequest } from '#actions/learning/decide_request'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import { recordAttendance } from '#actions/learning/record_attendance'
import { cancelSession } from '#actions/learning/cancel_session'
import Enrolment from '#models/enrolment'
import LearningRecord from '#models/learning_record'
import SkillClaim from '#models/skill_claim'
import { createAssessment } from '#database/factories/capability_factory'

/* The type of an action's result. */
async function outcome(pending: Promise<{ type: string }>) {
  const result = await pending
  return result.type
}

async function waitingList(sessionId: number) {
  const rows = await Enrolment.query()
    .where('session_id', sessionId)
    .where('status', 'waitlisted')
    .orderBy('waitlist_position')
  return rows.map((row) => [row.userId, row.waitlistPosition])
}

test.group('Enrolling', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners are booked while seats remain, then waitlisted in order', async ({ assert }) => {
    const session = await createSession({ capacity: 2 })
    const people = await colleagues(4)
    const results = []
    for (const person of people) results.push(await outcome(enrol(person, session.id)))
    assert.deepEqual(results, ['booked', 'booked', 'waitlisted', 'waitlisted'])
    assert.deepEqual(await waitingList(session.id), [
      [people[2].id, 1],
      [people[3].id, 2],
    ])
  })

  test('a course that needs approval makes a request for the line manager', async ({ assert }) => {
    const [manager] = await colleagues(1)
    const [learner] = await colleagues(1, { lineManagerId: manager.id })
    const session = await createSession({ course: await createCourse({ requiresApproval: true }) })
    const result = await enrol(learner, session.id, { note: 'For my new role' })
    assert.equal(result.type, 'requested')
  })

  test('without a line manager, a course that needs approval cannot be requested', async ({
    assert,
  }) => {
    const [learner] = await colleagues(1)
    const session = await createSession({ course: await createCourse({ requiresApproval: true }) })
    assert.equal(await outcome(enrol(learner, session.id)), 'no_line_manager')
  })

  test('one active enrolment per learner per session', async ({ assert }) => {
    const [learner] = await colleagues(1)
    const session = await createSession()
    await enrol(learner, session.id)
    const again = await enrol(learner, session.id)
    assert.equal(again.type, 'already_enrolled')
    assert.equal(
      await Enrolment.query()
        .where('session_id', session.id)
        .count('* as total')
        .then((r) => Number(r[0].$extras.total)),
      1
    )
  })

  test('no enrolment after booking closes, once a session has started, or on a cancelled session', async ({
    assert,
  }) => {
    const [learner] = await colleagues(1)
    const closing = await createSession({ bookingClosesAt: DateTime.now().minus({ minutes: 1 }) })
    assert.equal(await outcome(enrol(learner, closing.id)), 'booking_closed')
    const started = await createSession({
      startsAt: DateTime.now().minus({ hours: 1 }),
      bookingClosesAt: DateTime.now().minus({ days: 1 }),
    })
    assert.equal(await outcome(enrol(learner, started.id)), 'session_started')
    const cancelled = await createSession()
    cancelled.status = 'cancelled'
    await cancelled.save()
    assert.equal(await outcome(enrol(learner, cancelled.id)), 'session_cancelled')
  })

  test('sessions of unpublished courses, and unknown sessions, are not found', async ({
    assert,
  }) => {
    const [learner] = await colleagues(1)
    const draft = await createSession({ course: await createCourse({ status: 'draft' }) })
    assert.equal(await outcome(enrol(learner, draft.id)), 'session_not_found')
    assert.equal(await outcome(enrol(learner, 999999)), 'session_not_found')
  })
})

test.group('Line manager decisions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an approved request takes a seat; a declined one records the reason', async ({
    assert,
  }) => {
    const [manager] = await colleagues(1)
    const [first, second] = await colleagues(2, { lineManagerId: manager.id })
    const session = await createSession({
      capacity: 1,
      course: await createCourse({ requiresApproval: true }),
    })
    const one = await enrol(first, session.id)
    const two = await enrol(second, session.id)
    const approved = await decideRequest(manager, (one as { enrolment: Enrolment }).enrolment.id, {
      approve: true,
    })
    assert.deepInclude(approved, { type: 'approved', placed: 'booked' })
    const declined = await decideRequest(manager, (two as { enrolment: Enrolment }).enrolment.id, {
      approve: false,
      reason: 'Not this quarter',
    })
    assert.equal(declined.type, 'declined')
    const row = await Enrolment.findOrFail((two as { enrolment: Enrolment }).enrolment.id)
    assert.equal(row.status, 'declined')
    assert.equal(row.decisionReason, 'Not this quarter')
    assert.isNull(row.activeSessionId)
  })

  test('an approval when the session is full puts the learner on the waiting list', async ({
    assert,
  }) => {
    const [manager, other] = await colleagues(2)
    const [learner] = await colleagues(1, { lineManagerId: manager.id })
    const session = await createSession({
      capacity: 1,
      course: await createCourse({ requiresApproval: true }),
    })
    const requested = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    await createEnrolment(session, other)
    const result = await decideRequest(manager, requested.enrolment.id, { approve: true })
    assert.deepInclude(result, { type: 'approved', placed: 'waitlisted' })
  })

  test('only the learner’s own line manager can decide, and a decline needs a reason', async ({
    assert,
  }) => {
    const [manager, stranger] = await colleagues(2)
    const [learner] = await colleagues(1, { lineManagerId: manager.id })
    const session = await createSession({ course: await createCourse({ requiresApproval: true }) })
    const requested = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    assert.equal(
      await outcome(decideRequest(stranger, requested.enrolment.id, { approve: true })),
      'not_found'
    )
    assert.equal(
      await outcome(
        decideRequest(manager, requested.enrolment.id, { approve: false, reason: ' ' })
      ),
      'reason_needed'
    )
    await decideRequest(manager, requested.enrolment.id, { approve: true })
    assert.equal(
      await outcome(decideRequest(manager, requested.enrolment.id, { approve: true })),
      'not_awaiting_decision'
    )
  })
})

test.group('Cancelling', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a cancelled booking gives the seat to the first waitlisted learner and the list closes up', async ({
    assert,
  }) => {
    const session = await createSession({ capacity: 1 })
    const [booked, first, second, third] = await colleagues(4)
    const results = []
    for (const person of [booked, first, second, third])
      results.push(await enrol(person, session.id))
    const cancel = await cancelEnrolment(
      booked,
      (results[0] as { enrolment: Enrolment }).enrolment.id,
      { reason: 'Clashes with a launch' }
    )
    assert.equal(cancel.type, 'cancelled')
    const promoted = await Enrolment.findOrFail(
      (results[1] as { enrolment: Enrolment }).enrolment.id
    )
    assert.equal(promoted.status, 'booked')
    assert.deepEqual(await waitingList(session.id), [
      [second.id, 1],
      [third.id, 2],
    ])
  })

  test('leaving the middle of the waiting list closes the gap', async ({ assert }) => {
    const session = await createSession({ capacity: 1 })
    const people = await colleagues(4)
    const results = []
    for (const person of people) results.push(await enrol(person, session.id))
    await cancelEnrolment(people[2], (results[2] as { enrolment: Enrolment }).enrolment.id, {
      reason: 'No longer needed',
    })
    assert.deepEqual(await waitingList(session.id), [
      [people[1].id, 1],
      [people[3].id, 2],
    ])
  })

  test('a learner cannot cancel after booking closes, or without a reason; an admin can', async ({
    assert,
  }) => {
    const [learner, admin] = await colleagues(2)
    const session = await createSession()
    const booked = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    assert.equal(
      await outcome(cancelEnrolment(learner, booked.enrolment.id, { reason: '' })),
      'reason_needed'
    )
    session.bookingClosesAt = DateTime.now().minus({ minutes: 5 })
    await session.save()
    assert.equal(
      await outcome(cancelEnrolment(learner, booked.enrolment.id, { reason: 'Ill' })),
      'booking_closed'
    )
    assert.equal(
      await outcome(cancelEnrolment(admin, booked.enrolment.id, { reason: 'Ill', asAdmin: true })),
      'cancelled'
    )
  })

  test('nobody cancels someone else’s enrolment without being an admin', async ({ assert }) => {
    const [learner, other] = await colleagues(2)
    const session = await createSession()
    const booked = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    assert.equal(
      await outcome(cancelEnrolment(other, booked.enrolment.id, { reason: 'Mischief' })),
      'not_found'
    )
  })

  test('cancelling a session cancels every active enrolment on it and announces each', async ({
    assert,
    cleanup,
  }) => {
    const events = emitter.fake()
    cleanup(() => emitter.restore())
    const session = await createSession({ capacity: 1 })
    const [admin, a, b] = await colleagues(3)
    await enrol(a, session.id)
    await enrol(b, session.id)
    const result = await cancelSession(admin, session.id, 'Trainer unavailable')
    assert.deepEqual(result, { type: 'cancelled', enrolmentsCancelled: 2 })
    const statuses = await Enrolment.query().where('session_id', session.id).select('status')
    assert.deepEqual(
      statuses.map((row) => row.status),
      ['cancelled', 'cancelled']
    )
    const announced = events.all().filter((event) => event.event === 'enrolment:changed')
    assert.isAtLeast(
      announced.filter((event) => (event.data as any).changes.includes('session_cancelled')).length,
      2
    )
  })
})

test.group('Attendance and completion', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('attendance waits for the session to start', async ({ assert }) => {
    const [learner] = await colleagues(1)
    const session = await createSession()
    const booked = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    assert.equal(await outcome(recordAttendance(booked.enrolment.id, 'attended')), 'not_started')
  })

  test('completion writes the learning record and a skill claim for outcomes above the learner’s level', async ({
    assert,
  }) => {
    const [learner] = await colleagues(1)
    const agile = await createSkill('Agile working')
    const research = await createSkill('User research')
    await createAssessment(learner, research, 3, { source: 'manager' })
    const course = await createCourse({
      title: 'Agile for leaders',
      outcomes: { [agile.id]: 2, [research.id]: 2 },
    })
    const session = await createSession({ course })
    const booked = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    const later = DateTime.now().plus({ days: 8 }).toJSDate()
    assert.equal(
      await outcome(recordAttendance(booked.enrolment.id, 'completed', later)),
      'not_allowed'
    )
    assert.equal(await outcome(recordAttendance(booked.enrolment.id, 'attended', later)), 'marked')
    const done = await recordAttendance(booked.enrolment.id, 'completed', later)
    assert.equal(done.type, 'marked')
    const record = await LearningRecord.findByOrFail('enrolment_id', booked.enrolment.id)
    assert.equal(record.title, 'Agile for leaders')
    assert.equal(record.source, 'enrolment')
    const claims = await SkillClaim.query().where('user_id', learner.id).where('status', 'pending')
    assert.deepEqual(
      claims.map((claim) => [claim.skillId, claim.level]),
      [[agile.id, 2]]
    )
  })

  test('a completion is dated the UK day the session ended, even just after midnight in British summer time, whenever it is marked', async ({
    assert,
  }) => {
    const [learner] = await colleagues(1)
    // Ends at 00:30 on 15 June 2030 in London: 23:30 on 14 June in UTC.
    const justAfterMidnight = DateTime.fromISO('2030-06-15T00:30:00', { zone: 'Europe/London' })
    const session = await createSession({ startsAt: justAfterMidnight.minus({ hours: 7 }) })
    const booked = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    const markedLater = justAfterMidnight.plus({ days: 2 }).toJSDate()
    await recordAttendance(booked.enrolment.id, 'attended', markedLater)
    await recordAttendance(booked.enrolment.id, 'completed', markedLater)
    const record = await LearningRecord.findByOrFail('enrolment_id', booked.enrolment.id)
    assert.equal(record.completedOn.toISODate(), '2030-06-15')
  })

  test('attendance on a cancelled session is refused as such', async ({ assert }) => {
    const [learner, admin] = await colleagues(2)
    const session = await createSession()
    const booked = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    await cancelSession(admin, session.id, 'Venue flooded')
    const result = await recordAttendance(
      booked.enrolment.id,
      'attended',
      DateTime.now().plus({ days: 8 }).toJSDate()
    )
    assert.equal(result.type, 'session_cancelled')
  })

  test('a no-show frees the learner to book the course again', async ({ assert }) => {
    const [learner] = await colleagues(1)
    const session = await createSession()
    const booked = (await enrol(learner, session.id)) as { enrolment: Enrolment }
    const later = DateTime.now().plus({ days: 8 }).toJSDate()
    await recordAttendance(booked.enrolment.id, 'no_show', later)
    const row = await Enrolment.findOrFail(booked.enrolment.id)
    assert.equal(row.status, 'no_show')
    assert.isNull(row.activeSessionId)
  })
})
