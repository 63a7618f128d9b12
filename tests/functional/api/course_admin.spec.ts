import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createProvider } from '#database/factories/learning_factory'
import { bearer, apiAs } from '#tests/support/api'
import { providersWithAdmins } from '#tests/support/fixtures/providers'
import AuditEvent from '#models/audit_event'
import Course from '#models/course'
import CourseSession from '#models/course_session'

const nextYear = DateTime.now().year + 1

const COURSE_BODY = {
  code: 'DATA-301',
  title: 'Data pipelines',
  summary: 'Building reliable pipelines.',
  mode: 'online',
  status: 'draft',
  requiresApproval: false,
  durationHours: 14,
  cost: 799.99,
}

const SESSION_BODY = {
  startsAt: `${nextYear}-07-14T09:30:00+01:00`,
  endsAt: `${nextYear}-07-14T16:30:00+01:00`,
  capacity: 20,
  onlineUrl: 'https://meet.example.gov.uk/pipelines',
}

function fieldsOf(body: { errors?: { field: string; message: string }[] }) {
  return Object.fromEntries((body.errors ?? []).map((error) => [error.field, error.message]))
}

test.group('API: course admins add courses', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin adds a course to their only provider: 201 with the course, audited', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const response = await apiAs(client, await bearer(adminA))
      .post('/api/v1/courses')
      .json(COURSE_BODY)
    response.assertStatus(201)
    const course = await Course.findByOrFail('code', 'DATA-301')
    const data = response.body().data
    assert.containSubset(data, {
      id: course.id,
      code: 'DATA-301',
      title: 'Data pipelines',
      summary: 'Building reliable pipelines.',
      provider: { id: providerA.id, name: 'Digital Academy' },
      mode: 'online',
      status: 'draft',
      requiresApproval: false,
      durationHours: 14,
      cost: 799.99,
    })
    assert.equal(course.costPence, 79999)
    // One shape for a course: the answer is the course as the API gives it anywhere.
    const read = await apiAs(client, await bearer(adminA)).get(`/api/v1/courses/${course.id}`)
    read.assertStatus(200)
    assert.deepEqual(data, read.body().data)
    const events = await AuditEvent.query().where({
      actor_id: adminA.id,
      action: 'create',
      subject_type: 'course',
      subject_id: String(course.id),
    })
    assert.lengthOf(events, 1)
  })

  test('a learner gets 403, and so does an admin naming a provider they do not manage', async ({
    client,
    assert,
  }) => {
    const { adminA, providerB } = await providersWithAdmins()
    const learner = await createUser()
    const refused = await apiAs(client, await bearer(learner))
      .post('/api/v1/courses')
      .json(COURSE_BODY)
    refused.assertStatus(403)
    refused.assertHeader('content-type', 'application/problem+json; charset=utf-8')
    assert.equal(refused.body().title, 'Forbidden')

    const elsewhere = await apiAs(client, await bearer(adminA))
      .post('/api/v1/courses')
      .json({ ...COURSE_BODY, provider: providerB.id })
    elsewhere.assertStatus(403)
    assert.isNull(await Course.findBy('code', 'DATA-301'))

    const anonymous = await client.post('/api/v1/courses').json(COURSE_BODY)
    anonymous.assertStatus(401)
  })

  test('bad course bodies get 422 with a message for each field', async ({ client, assert }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const auth = await bearer(adminA)
    const empty = await apiAs(client, auth).post('/api/v1/courses').json({})
    empty.assertStatus(422)
    assert.equal(empty.body().detail, 'The request has errors in the fields listed.')
    assert.deepEqual(fieldsOf(empty.body()), {
      code: 'Enter a course code',
      title: 'Enter a course title',
      summary: 'Enter a summary of the course',
      mode: 'Select how the course is delivered',
      status: 'Select the course status',
      requiresApproval: 'Select yes if learners need their line manager’s approval',
      durationHours: 'Enter the length of the course in hours',
      cost: 'Enter the cost in pounds, or 0 if the course is free',
    })

    const wrong = await apiAs(client, auth)
      .post('/api/v1/courses')
      .json({ ...COURSE_BODY, durationHours: 0, cost: -5, mode: 'radio' })
    wrong.assertStatus(422)
    assert.deepEqual(fieldsOf(wrong.body()), {
      mode: 'Select classroom, online or blended',
      durationHours: 'The length must be more than 0 hours',
      cost: 'The cost cannot be less than £0',
    })

    await createCourse({ provider: providerA })
    const existing = await Course.query().firstOrFail()
    const taken = await apiAs(client, auth)
      .post('/api/v1/courses')
      .json({ ...COURSE_BODY, code: existing.code })
    taken.assertStatus(422)
    assert.deepEqual(taken.body().errors, [
      { field: 'code', message: 'A course with this code already exists', rule: 'unique' },
    ])
  })

  test('an admin of several providers must say which one', async ({ client, assert }) => {
    const { adminA } = await providersWithAdmins()
    const second = await createProvider('Cyber School', [adminA])
    const auth = await bearer(adminA)
    const missing = await apiAs(client, auth).post('/api/v1/courses').json(COURSE_BODY)
    missing.assertStatus(422)
    assert.deepEqual(fieldsOf(missing.body()), {
      provider: 'Give provider: the id of the provider that runs the course',
    })
    const named = await apiAs(client, auth)
      .post('/api/v1/courses')
      .json({ ...COURSE_BODY, provider: second.id })
    named.assertStatus(201)
    assert.equal(named.body().data.provider.id, second.id)
  })
})

test.group('API: course admins add sessions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session is added with ISO 8601 times: 201 with the session in UTC, booking closing a day before', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const course = await createCourse({ provider: providerA })
    const response = await apiAs(client, await bearer(adminA))
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json(SESSION_BODY)
    response.assertStatus(201)
    const session = await CourseSession.findByOrFail('course_id', course.id)
    // The same shape as every session the API gives, with its seats.
    assert.deepEqual(response.body(), {
      data: {
        id: session.id,
        courseId: course.id,
        status: 'scheduled',
        startsAt: `${nextYear}-07-14T08:30:00.000Z`,
        endsAt: `${nextYear}-07-14T15:30:00.000Z`,
        bookingClosesAt: `${nextYear}-07-13T08:30:00.000Z`,
        venue: null,
        accessibilityNotes: null,
        location: null,
        online: true,
        capacity: 20,
        booked: 0,
        waitlisted: 0,
        seatsLeft: 20,
        links: { self: `/api/v1/sessions/${session.id}` },
      },
    })
    assert.equal(session.onlineUrl, 'https://meet.example.gov.uk/pipelines')
    const read = await apiAs(client, await bearer(adminA)).get(`/api/v1/sessions/${session.id}`)
    const { course: readCourse, ...asRead } = read.body().data
    assert.equal(readCourse.id, course.id)
    assert.deepEqual(asRead, response.body().data)
    const events = await AuditEvent.query().where({
      actor_id: adminA.id,
      action: 'create',
      subject_type: 'course_session',
      subject_id: String(session.id),
    })
    assert.lengthOf(events, 1)
  })

  test('times without an offset are read as UK time', async ({ client, assert }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const course = await createCourse({ provider: providerA })
    const response = await apiAs(client, await bearer(adminA))
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json({
        ...SESSION_BODY,
        startsAt: `${nextYear}-01-20T09:30`,
        endsAt: `${nextYear}-01-20T12:00`,
        bookingClosesAt: `${nextYear}-01-19T17:00`,
      })
    response.assertStatus(201)
    assert.equal(response.body().data.startsAt, `${nextYear}-01-20T09:30:00.000Z`)
    assert.equal(response.body().data.bookingClosesAt, `${nextYear}-01-19T17:00:00.000Z`)
  })

  test('each session rule answers 422 with the field and a message', async ({ client, assert }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const course = await createCourse({ provider: providerA })
    const auth = await bearer(adminA)
    const lastYear = DateTime.now().year - 1
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [
        { startsAt: `${lastYear}-07-14T09:30:00Z`, endsAt: `${lastYear}-07-14T16:30:00Z` },
        { startsAt: 'The session must start in the future' },
      ],
      [
        { endsAt: `${nextYear}-07-14T08:00:00+01:00` },
        { endsAt: 'The session must end after it starts' },
      ],
      [
        { bookingClosesAt: `${nextYear}-07-14T10:00:00+01:00` },
        { bookingClosesAt: 'Booking must close before the session starts' },
      ],
      [{ onlineUrl: undefined, venue: '' }, { venue: 'Enter a venue or an online link' }],
      [{ capacity: 0 }, { capacity: 'Capacity must be at least 1' }],
      [{ capacity: -1 }, { capacity: 'Capacity must be at least 1' }],
      [{ capacity: 'ten' }, { capacity: 'Enter the capacity as a whole number, like 12' }],
      [
        { startsAt: 'next Tuesday', endsAt: undefined },
        {
          startsAt: 'startsAt must be an ISO 8601 date and time, like 2026-03-27T09:30:00Z',
          endsAt: 'Give endsAt: when the session ends, in ISO 8601',
        },
      ],
      [
        { onlineUrl: 'http://meet.example.com' },
        { onlineUrl: 'Enter the online link as a full web address, starting https://' },
      ],
    ]
    for (const [changes, expected] of cases) {
      const response = await apiAs(client, auth)
        .post(`/api/v1/courses/${course.id}/sessions`)
        .json({ ...SESSION_BODY, ...changes })
      assert.equal(response.status(), 422, JSON.stringify(changes))
      response.assertHeader('content-type', 'application/problem+json; charset=utf-8')
      assert.deepEqual(fieldsOf(response.body()), expected, JSON.stringify(changes))
    }
    const past = await apiAs(client, auth)
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json({ ...SESSION_BODY, onlineUrl: undefined, endsAt: SESSION_BODY.startsAt })
    assert.deepEqual(past.body().errors, [
      { field: 'endsAt', message: 'The session must end after it starts', rule: 'afterStart' },
      { field: 'venue', message: 'Enter a venue or an online link', rule: 'venueOrLink' },
    ])
    assert.lengthOf(await CourseSession.query().where('course_id', course.id), 0)
  })

  test('a session for another provider’s course is refused with 403; an unknown course is 404', async ({
    client,
    assert,
  }) => {
    const { adminA, providerB } = await providersWithAdmins()
    const course = await createCourse({ provider: providerB })
    const auth = await bearer(adminA)
    const refused = await apiAs(client, auth)
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json(SESSION_BODY)
    refused.assertStatus(403)
    const unknown = await apiAs(client, auth)
      .post('/api/v1/courses/999999/sessions')
      .json(SESSION_BODY)
    unknown.assertStatus(404)
    const learner = await apiAs(client, await bearer(await createUser()))
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json(SESSION_BODY)
    learner.assertStatus(403)
    assert.lengthOf(await CourseSession.query().where('course_id', course.id), 0)
  })
})
