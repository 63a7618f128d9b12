import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCompletion, createCourse, createSession } from '#database/factories/learning_factory'
import { bearer, apiAs } from '#tests/support/api'
import Enrolment from '#models/enrolment'
import type User from '#models/user'
import { submitAs } from '#tests/support/forms'
import { enrolled } from '#tests/support/enrolments'

/* Books the user on a new session of its own. */
async function bookedOnNewSession(user: User) {
  const session = await createSession()
  return enrolled(user, session.id)
}

test.group('API: enrolling', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('enrolling on a session with a free seat answers 201 with the booking, as the list of enrolments gives it', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Agile foundations' })
    const session = await createSession({ course })
    const auth = await bearer(learner)
    const response = await apiAs(client, auth).post(`/api/v1/sessions/${session.id}/enrolments`)
    response.assertStatus(201)
    const enrolment = await Enrolment.query().where('user_id', learner.id).firstOrFail()
    assert.deepEqual(response.body(), {
      data: {
        id: enrolment.id,
        status: 'booked',
        position: null,
        session: {
          id: session.id,
          startsAt: session.startsAt.toUTC().toISO(),
          endsAt: session.endsAt.toUTC().toISO(),
          location: 'London',
          venue: 'Aviation House',
          onlineUrl: null,
        },
        course: { id: course.id, code: course.code, title: 'Agile foundations' },
      },
    })
    // One shape for an enrolment: the answer is the enrolment as the caller's list gives it.
    const list = await apiAs(client, auth).get('/api/v1/me/enrolments')
    assert.deepEqual(list.body().data, [response.body().data])
  })

  test('enrolling on a full session answers 201 with the waiting-list position', async ({
    client,
  }) => {
    const session = await createSession({ capacity: 1 })
    await enrolled(await createUser(), session.id)
    await enrolled(await createUser(), session.id)
    const response = await apiAs(client, await bearer(await createUser())).post(
      `/api/v1/sessions/${session.id}/enrolments`
    )
    response.assertStatus(201)
    response.assertBodyContains({ data: { status: 'waitlisted', position: 2 } })
  })

  test('a course that needs approval answers 201 requested, keeping the note', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const session = await createSession({ course: await createCourse({ requiresApproval: true }) })
    const response = await apiAs(client, await bearer(learner))
      .post(`/api/v1/sessions/${session.id}/enrolments`)
      .json({ note: 'For the new service' })
    response.assertStatus(201)
    response.assertBodyContains({ data: { status: 'requested', position: null } })
    const request = await Enrolment.findOrFail(response.body().data.id)
    assert.equal(request.requestNote, 'For the new service')
  })

  test('a request made through the API, once the line manager approves it, is listed as booked', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const session = await createSession({ course: await createCourse({ requiresApproval: true }) })
    const auth = await bearer(learner)
    const requested = await apiAs(client, auth).post(`/api/v1/sessions/${session.id}/enrolments`)
    requested.assertStatus(201)
    const id = requested.body().data.id

    const decision = await submitAs(client, manager).post(`/learning/approvals/${id}`, {
      decision: 'approve',
    })
    decision.assertStatus(302)

    const list = await client
      .get('/api/v1/me/enrolments')
      .qs({ status: 'booked' })
      .header('Authorization', auth)
    assert.deepEqual(
      list.body().data.map((row: { id: number; status: string }) => [row.id, row.status]),
      [[id, 'booked']]
    )
  })

  test('enrolling twice answers 409 with the existing enrolment, keeping the HTTP status', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession()
    const existing = await enrolled(learner, session.id)
    const response = await apiAs(client, await bearer(learner)).post(
      `/api/v1/sessions/${session.id}/enrolments`
    )
    response.assertStatus(409)
    response.assertHeader('content-type', 'application/problem+json; charset=utf-8')
    assert.equal(response.body().status, 409)
    assert.deepEqual(response.body().enrolment, {
      id: existing.id,
      status: 'booked',
      position: null,
    })
    assert.lengthOf(await Enrolment.query().where('session_id', session.id), 1)
  })

  test('closed, started and cancelled sessions, and approval without a line manager, answer 422 problems', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const auth = await bearer(learner)
    const closed = await createSession({ bookingClosesAt: DateTime.now().minus({ minutes: 1 }) })
    const started = await createSession({
      startsAt: DateTime.now().minus({ hours: 1 }),
      bookingClosesAt: DateTime.now().minus({ days: 1 }),
    })
    const cancelled = await createSession()
    cancelled.status = 'cancelled'
    await cancelled.save()
    const approval = await createSession({ course: await createCourse({ requiresApproval: true }) })

    const expected: [number, string, string][] = [
      [closed.id, 'booking_closed', 'Booking for this session has closed.'],
      [started.id, 'session_started', 'This session has already started.'],
      [cancelled.id, 'session_cancelled', 'This session has been cancelled.'],
      [approval.id, 'no_line_manager', 'This course needs line manager approval'],
    ]
    for (const [sessionId, code, detail] of expected) {
      const response = await apiAs(client, auth).post(`/api/v1/sessions/${sessionId}/enrolments`)
      response.assertStatus(422)
      response.assertHeader('content-type', 'application/problem+json; charset=utf-8')
      assert.equal(response.body().code, code)
      assert.include(response.body().detail, detail)
    }
    assert.lengthOf(await Enrolment.query().where('user_id', learner.id), 0)
  })

  test('an unknown session, or one of an unpublished course, answers 404', async ({ client }) => {
    const auth = await bearer(await createUser())
    const draft = await createSession({ course: await createCourse({ status: 'draft' }) })
    for (const id of [draft.id, 999999, 'nope']) {
      const response = await apiAs(client, auth).post(`/api/v1/sessions/${id}/enrolments`)
      response.assertStatus(404)
      response.assertBodyContains({ status: 404, title: 'Not found' })
    }
  })

  test('a note that is not text, or too long, answers 422 with field details', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession()
    for (const note of [42, 'x'.repeat(1001)]) {
      const response = await apiAs(client, await bearer(learner))
        .post(`/api/v1/sessions/${session.id}/enrolments`)
        .json({ note })
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'note')
    }
    assert.lengthOf(await Enrolment.query().where('user_id', learner.id), 0)
  })

  test('without a token every route answers 401', async ({ client }) => {
    const session = await createSession()
    const responses = [
      await client.post(`/api/v1/sessions/${session.id}/enrolments`),
      await client.delete('/api/v1/enrolments/1').json({ reason: 'x' }),
      await client.get('/api/v1/me/enrolments'),
    ]
    for (const response of responses) response.assertStatus(401)
  })
})

test.group('API: one place per course', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course the caller has completed answers 409 course_completed with the day, and writes nothing', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Service Manager programme' })
    await createCompletion(learner, course, { completedOn: DateTime.fromISO('2026-06-03') })
    const session = await createSession({ course })
    const response = await apiAs(client, await bearer(learner)).post(
      `/api/v1/sessions/${session.id}/enrolments`
    )
    response.assertStatus(409)
    response.assertBodyContains({
      status: 409,
      code: 'course_completed',
      completedOn: '2026-06-03',
      detail:
        'You completed Service Manager programme on 3 June 2026, so you cannot book it again.',
    })
    assert.lengthOf(await Enrolment.query().where('user_id', learner.id), 0)
  })

  test('a place on another session of the course answers 409 already_on_course naming it', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse()
    const first = await createSession({ course })
    const second = await createSession({ course, startsAt: first.startsAt.plus({ days: 7 }) })
    const held = await enrolled(learner, first.id)
    const response = await apiAs(client, await bearer(learner)).post(
      `/api/v1/sessions/${second.id}/enrolments`
    )
    response.assertStatus(409)
    response.assertBodyContains({
      status: 409,
      code: 'already_on_course',
      enrolment: { id: held.id, status: 'booked', position: null },
    })
    assert.lengthOf(await Enrolment.query().where('session_id', second.id), 0)
  })
})

test.group('API: cancelling', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('cancelling a booking with a reason answers 200 and the first waitlisted learner gets the seat', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession({ capacity: 1 })
    const booking = await enrolled(learner, session.id)
    const first = await enrolled(await createUser(), session.id)
    const auth = await bearer(learner)
    const response = await apiAs(client, auth)
      .delete(`/api/v1/enrolments/${booking.id}`)
      .json({ reason: 'Clashes with a release' })
    response.assertStatus(200)
    assert.include(response.body().data, { id: booking.id, status: 'cancelled', position: null })
    // The cancelled enrolment as the caller's list gives it, session and course included.
    const list = await apiAs(client, auth).get('/api/v1/me/enrolments')
    assert.deepEqual(list.body().data, [response.body().data])
    assert.equal(response.body().data.session.id, session.id)
    await first.refresh()
    assert.equal(first.status, 'booked')
  })

  test('cancelling without a reason answers 422 naming the reason field', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const booking = await bookedOnNewSession(learner)
    for (const body of [{}, { reason: '   ' }]) {
      const response = await apiAs(client, await bearer(learner))
        .delete(`/api/v1/enrolments/${booking.id}`)
        .json(body)
      response.assertStatus(422)
      assert.deepEqual(
        response.body().errors.map((error: { field: string }) => error.field),
        ['reason']
      )
      assert.equal(response.body().errors[0].message, 'Give a reason for cancelling')
    }
    await booking.refresh()
    assert.equal(booking.status, 'booked')
  })

  test('cancelling after booking closes answers 422', async ({ client, assert }) => {
    const learner = await createUser()
    const session = await createSession()
    const booking = await enrolled(learner, session.id)
    session.bookingClosesAt = DateTime.now().minus({ minutes: 5 })
    await session.save()
    const response = await apiAs(client, await bearer(learner))
      .delete(`/api/v1/enrolments/${booking.id}`)
      .json({ reason: 'Ill' })
    response.assertStatus(422)
    response.assertBodyContains({ code: 'booking_closed' })
    await booking.refresh()
    assert.equal(booking.status, 'booked')
  })

  test('cancelling someone else’s enrolment answers 404 and changes nothing', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const booking = await bookedOnNewSession(owner)
    for (const body of [{ reason: 'Mischief' }, {}]) {
      const response = await apiAs(client, await bearer(await createUser()))
        .delete(`/api/v1/enrolments/${booking.id}`)
        .json(body)
      response.assertStatus(404)
    }
    await booking.refresh()
    assert.equal(booking.status, 'booked')
  })

  test('cancelling an enrolment that is already cancelled answers 409 naming it', async ({
    client,
  }) => {
    const learner = await createUser()
    const booking = await bookedOnNewSession(learner)
    const auth = await bearer(learner)
    await apiAs(client, auth)
      .delete(`/api/v1/enrolments/${booking.id}`)
      .json({ reason: 'First time' })
    const again = await apiAs(client, auth)
      .delete(`/api/v1/enrolments/${booking.id}`)
      .json({ reason: 'Second time' })
    again.assertStatus(409)
    again.assertBodyContains({
      status: 409,
      enrolment: { id: booking.id, status: 'cancelled', position: null },
    })
  })
})

test.group('API: my enrolments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the caller’s enrolments with session and course, paged, and filtered by status', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Data basics' })
    const soon = await createSession({ course, startsAt: DateTime.utc(2031, 1, 10, 9, 30) })
    const later = await createSession({ capacity: 1, startsAt: DateTime.utc(2031, 2, 10, 9, 30) })
    await enrolled(await createUser(), later.id)
    const booking = await enrolled(learner, soon.id)
    const waiting = await enrolled(learner, later.id)
    await bookedOnNewSession(await createUser())
    const auth = await bearer(learner)

    const first = await client
      .get('/api/v1/me/enrolments')
      .qs({ perPage: 1 })
      .header('Authorization', auth)
    first.assertStatus(200)
    assert.deepEqual(first.body().meta, { total: 2, page: 1, perPage: 1, lastPage: 2 })
    assert.deepEqual(first.body().data[0], {
      id: waiting.id,
      status: 'waitlisted',
      position: 1,
      session: {
        id: later.id,
        startsAt: '2031-02-10T09:30:00.000Z',
        endsAt: '2031-02-10T16:30:00.000Z',
        location: 'London',
        venue: 'Aviation House',
        onlineUrl: null,
      },
      course: {
        id: later.courseId,
        code: first.body().data[0].course.code,
        title: first.body().data[0].course.title,
      },
    })

    const second = await client
      .get('/api/v1/me/enrolments')
      .qs({ perPage: 1, page: 2 })
      .header('Authorization', auth)
    assert.equal(second.body().data[0].id, booking.id)
    assert.deepEqual(second.body().data[0].course, {
      id: course.id,
      code: course.code,
      title: 'Data basics',
    })

    const booked = await client
      .get('/api/v1/me/enrolments')
      .qs({ status: 'booked' })
      .header('Authorization', auth)
    assert.deepEqual(
      booked.body().data.map((row: { id: number }) => row.id),
      [booking.id]
    )
  })

  test('an unknown status or bad paging answers 422 with field details', async ({
    client,
    assert,
  }) => {
    const auth = await bearer(await createUser())
    const response = await client
      .get('/api/v1/me/enrolments')
      .qs({ status: 'lost', perPage: 500 })
      .header('Authorization', auth)
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['status', 'perPage'])
    assert.include(response.body().errors.find((e: any) => e.field === 'status').message, 'booked')
  })
})
