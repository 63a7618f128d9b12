import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import {
  createAudience,
  createCourse,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import { fillPlaces } from '#tests/support/enrolments'
import { dayAhead, daysAhead } from '#tests/support/uk_days'
import { bearer, apiAs, assertApiAnswers } from '#tests/support/api'

/* Three published courses, one draft, with outcomes, an audience and sessions. */
async function catalogue() {
  const agile = await createSkill('Agile working')
  const research = await createSkill('User research')
  const { role } = await createRole({
    role: 'Product manager',
    levels: [{ name: 'Product manager', needs: {} }],
  })
  const academy = await createProvider('Civil Service Academy')
  const agileBasics = await createCourse({
    provider: academy,
    title: 'Agile basics',
    mode: 'classroom',
    requiresApproval: true,
    outcomes: { [agile.id]: 2, [research.id]: 1 },
  })
  await createAudience(agileBasics, role, 'mandatory')
  const research101 = await createCourse({
    title: 'Research methods',
    mode: 'online',
    outcomes: { [research.id]: 3 },
  })
  const writing = await createCourse({ provider: academy, title: 'Writing for the web' })
  writing.costPence = 0
  await writing.save()
  await createCourse({ provider: academy, title: 'Agile draft', status: 'draft' })

  const london = await createSession({
    course: agileBasics,
    capacity: 3,
    location: 'London',
    startsAt: daysAhead(10),
  })
  const leeds = await createSession({
    course: research101,
    capacity: 1,
    location: 'Leeds',
    startsAt: daysAhead(15),
  })
  await fillPlaces(leeds, 1, 'booked')
  return { agile, research, role, academy, agileBasics, research101, writing, london, leeds }
}

const names = (body: any) => body.data.map((course: any) => course.title)

test.group('API: course catalogue', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the course list is an envelope of published courses in camelCase with paging meta', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    const auth = await bearer(await createUser())
    const response = await apiAs(client, auth).get('/api/v1/courses')
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(names(body), ['Agile basics', 'Research methods', 'Writing for the web'])
    assert.deepEqual(body.meta, { total: 3, page: 1, perPage: 20, lastPage: 1 })
    const course = body.data[0]
    assert.containsSubset(course, {
      id: data.agileBasics.id,
      code: data.agileBasics.code,
      title: 'Agile basics',
      summary: 'A course for tests.',
      provider: { id: data.academy.id, name: 'Civil Service Academy' },
      mode: 'classroom',
      status: 'published',
      requiresApproval: true,
      durationHours: 7,
      cost: 450,
      links: { self: `/api/v1/courses/${data.agileBasics.id}` },
    })
    assert.deepEqual(course.outcomes, [
      { skill: { id: data.agile.id, name: 'Agile working' }, level: 2, levelName: 'Working' },
      { skill: { id: data.research.id, name: 'User research' }, level: 1, levelName: 'Awareness' },
    ])
    assert.deepEqual(course.audiences, [
      { roleProfile: { id: data.role.id, name: 'Product manager' }, kind: 'mandatory' },
    ])
    assert.containsSubset(course.nextSession, {
      id: data.london.id,
      location: 'London',
      seatsLeft: 3,
    })
    assert.equal(body.data[2].cost, 0)
    assert.isNull(body.data[2].nextSession)
  })

  test('the filters narrow the list as on the catalogue page, alone and combined', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    const auth = await bearer(await createUser())
    const list = async (qs: Record<string, unknown>) => {
      const response = await client.get('/api/v1/courses').qs(qs).header('Authorization', auth)
      return names(response.body())
    }
    assert.deepEqual(await list({ q: 'agile' }), ['Agile basics'])
    assert.deepEqual(await list({ skill: data.research.id }), ['Agile basics', 'Research methods'])
    assert.deepEqual(await list({ roleProfile: data.role.id }), ['Agile basics'])
    assert.deepEqual(await list({ mode: 'online' }), ['Research methods'])
    assert.deepEqual(await list({ provider: data.academy.id }), [
      'Agile basics',
      'Writing for the web',
    ])
    assert.deepEqual(await list({ location: 'Leeds' }), ['Research methods'])
    assert.deepEqual(await list({ skill: data.research.id, provider: data.academy.id }), [
      'Agile basics',
    ])
    assert.deepEqual(
      await list({ skill: data.research.id, mode: 'classroom', location: 'Leeds' }),
      []
    )
  })

  test('dates with free seats leave out full sessions and sessions outside the window', async ({
    client,
    assert,
  }) => {
    await catalogue()
    const auth = await bearer(await createUser())
    const window = await client
      .get('/api/v1/courses')
      .qs({ from: dayAhead(5), to: dayAhead(20) })
      .header('Authorization', auth)
    window.assertStatus(200)
    assert.deepEqual(names(window.body()), ['Agile basics'])
    assert.equal(window.body().meta.total, 1)
    const before = await client
      .get('/api/v1/courses')
      .qs({ to: dayAhead(9) })
      .header('Authorization', auth)
    assert.deepEqual(names(before.body()), [])
  })

  test('perPage and page page through the list', async ({ client, assert }) => {
    await catalogue()
    const auth = await bearer(await createUser())
    const response = await client
      .get('/api/v1/courses')
      .qs({ perPage: 2, page: 2, sort: 'next_session' })
      .header('Authorization', auth)
    assert.deepEqual(response.body().meta, { total: 3, page: 2, perPage: 2, lastPage: 2 })
    assert.deepEqual(names(response.body()), ['Writing for the web'])
  })

  test('bad query values answer 422 with an error for each field', async ({ client, assert }) => {
    const auth = await bearer(await createUser())
    const response = await client
      .get('/api/v1/courses')
      .qs({ from: '2027-02-30', mode: 'correspondence', skill: 'agile', perPage: 500 })
      .header('Authorization', auth)
    response.assertStatus(422)
    response.assertHeader('content-type', 'application/problem+json; charset=utf-8')
    assert.sameMembers(
      response.body().errors.map((error: any) => error.field),
      ['from', 'mode', 'skill', 'perPage']
    )
    const backwards = await client
      .get('/api/v1/courses')
      .qs({ from: '2027-06-30', to: '2027-06-01' })
      .header('Authorization', auth)
    backwards.assertStatus(422)
    assert.deepEqual(backwards.body().errors, [
      { field: 'to', message: 'to must be the same as or after from', rule: 'date.afterOrSameAs' },
    ])
  })

  test('a course carries its upcoming scheduled sessions with seat counts', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    await fillPlaces(data.london, 3, 'booked')
    await fillPlaces(data.london, 2, 'waitlisted')
    const later = await createSession({
      course: data.agileBasics,
      capacity: 5,
      startsAt: daysAhead(40),
    })
    await fillPlaces(later, 1, 'booked')
    await fillPlaces(later, 1, 'cancelled')
    const cancelled = await createSession({ course: data.agileBasics, startsAt: daysAhead(20) })
    cancelled.status = 'cancelled'
    await cancelled.save()
    await createSession({ course: data.agileBasics, startsAt: daysAhead(-3) })

    const auth = await bearer(await createUser())
    const response = await apiAs(client, auth).get(`/api/v1/courses/${data.agileBasics.id}`)
    response.assertStatus(200)
    const course = response.body().data
    assert.equal(course.title, 'Agile basics')
    assert.lengthOf(course.outcomes, 2)
    assert.deepEqual(
      course.sessions.map((session: any) => [
        session.id,
        session.capacity,
        session.booked,
        session.waitlisted,
        session.seatsLeft,
      ]),
      [
        [data.london.id, 3, 3, 2, 0],
        [later.id, 5, 1, 0, 4],
      ]
    )
    assert.equal(course.sessions[0].startsAt, data.london.startsAt.toUTC().toISO())
    assert.equal(course.sessions[0].status, 'scheduled')
  })

  test('a session answers with its capacity, booked and waitlisted counts and seats left', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    await fillPlaces(data.leeds, 2, 'waitlisted')
    await fillPlaces(data.leeds, 1, 'requested')
    const auth = await bearer(await createUser())
    const response = await apiAs(client, auth).get(`/api/v1/sessions/${data.leeds.id}`)
    response.assertStatus(200)
    assert.containsSubset(response.body().data, {
      id: data.leeds.id,
      courseId: data.research101.id,
      course: { id: data.research101.id, code: data.research101.code, title: 'Research methods' },
      status: 'scheduled',
      location: 'Leeds',
      venue: 'Aviation House',
      online: false,
      capacity: 1,
      booked: 1,
      waitlisted: 2,
      seatsLeft: 0,
      links: { self: `/api/v1/sessions/${data.leeds.id}` },
    })
  })

  test('unknown ids and draft courses answer 404, and the API needs a token', async ({
    client,
  }) => {
    const draft = await createCourse({ status: 'draft' })
    const session = await createSession({ course: draft })
    const auth = await bearer(await createUser())
    await assertApiAnswers(
      client,
      auth,
      [
        '/api/v1/courses/999999',
        '/api/v1/courses/abc',
        `/api/v1/courses/${draft.id}`,
        '/api/v1/sessions/999999',
        `/api/v1/sessions/${session.id}`,
      ],
      404
    )
    const anonymous = await client.get('/api/v1/courses')
    anonymous.assertStatus(401)
  })
})
