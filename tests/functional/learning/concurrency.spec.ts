import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createSession } from '#database/factories/learning_factory'
import { bearer, apiAs } from '#tests/support/api'
import Enrolment from '#models/enrolment'

/*
 * The seat invariant under real concurrency: many requests at once over
 * HTTP, each in its own transaction. These tests run outside the global
 * transaction (which would serialise everything and hide a missing lock)
 * and truncate afterwards. On SQLite writes are serialised anyway; the
 * proof that the session lock works is the run on MySQL.
 */
test.group('Enrolment under concurrent requests', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  async function everyone(count: number) {
    const organisation = await OrganisationFactory.create()
    const people = []
    for (let index = 0; index < count; index++) {
      const user = await createUser({ organisation })
      people.push({ user, auth: await bearer(user) })
    }
    return people
  }

  async function sessionState(sessionId: number) {
    const rows = await Enrolment.query().where('session_id', sessionId).orderBy('waitlist_position')
    return {
      booked: rows.filter((row) => row.status === 'booked').length,
      positions: rows
        .filter((row) => row.status === 'waitlisted')
        .map((row) => row.waitlistPosition),
      rows,
    }
  }

  const enrolAll = (client: any, sessionId: number, people: { auth: string }[]) =>
    Promise.all(
      people.map(({ auth }) =>
        apiAs(client, auth).post(`/api/v1/sessions/${sessionId}/enrolments`).json({})
      )
    )

  test('40 learners enrolling at once on 5 seats: exactly 5 booked, 35 waitlisted at 1..35', async ({
    client,
    assert,
  }) => {
    const session = await createSession({ capacity: 5 })
    const people = await everyone(40)
    const responses = await enrolAll(client, session.id, people)
    assert.deepEqual([...new Set(responses.map((response) => response.status()))], [201])
    const state = await sessionState(session.id)
    assert.equal(state.booked, 5)
    assert.deepEqual(
      state.positions,
      Array.from({ length: 35 }, (_, index) => index + 1)
    )
    const answered = responses.map((response) => response.body().data.status)
    assert.equal(answered.filter((status: string) => status === 'booked').length, 5)
  }).timeout(120000)

  test('5 booked learners cancelling at once promote exactly 5, and the list closes up', async ({
    client,
    assert,
  }) => {
    const session = await createSession({ capacity: 5 })
    const people = await everyone(40)
    for (const person of people) await enrolAll(client, session.id, [person])
    const before = await sessionState(session.id)
    const booked = before.rows.filter((row) => row.status === 'booked')
    const firstFive = before.rows.filter(
      (row) => row.status === 'waitlisted' && row.waitlistPosition! <= 5
    )
    const authOf = new Map(people.map(({ user, auth }) => [user.id, auth]))
    const responses = await Promise.all(
      booked.map((row) =>
        apiAs(client, authOf.get(row.userId)!)
          .delete(`/api/v1/enrolments/${row.id}`)
          .json({ reason: 'Diary clash' })
      )
    )
    assert.deepEqual([...new Set(responses.map((response) => response.status()))], [200])
    const after = await sessionState(session.id)
    assert.equal(after.booked, 5)
    assert.deepEqual(
      after.positions,
      Array.from({ length: 30 }, (_, index) => index + 1)
    )
    const nowBooked = after.rows.filter((row) => row.status === 'booked').map((row) => row.id)
    assert.sameMembers(
      nowBooked,
      firstFive.map((row) => row.id),
      'the first five on the list got the seats'
    )
  }).timeout(120000)

  test('enrolments and cancellations interleaved keep booked within capacity and positions gap-free', async ({
    client,
    assert,
  }) => {
    const session = await createSession({ capacity: 3 })
    const people = await everyone(24)
    for (const person of people.slice(0, 12)) await enrolAll(client, session.id, [person])
    const existing = await Enrolment.query().where('session_id', session.id).orderBy('id')
    const authOf = new Map(people.map(({ user, auth }) => [user.id, auth]))
    await Promise.all([
      enrolAll(client, session.id, people.slice(12)),
      ...existing
        .filter((_, index) => index % 2 === 0)
        .map((row) =>
          apiAs(client, authOf.get(row.userId)!)
            .delete(`/api/v1/enrolments/${row.id}`)
            .json({ reason: 'Changed plans' })
        ),
    ])
    const state = await sessionState(session.id)
    assert.equal(state.booked, 3)
    assert.deepEqual(
      state.positions,
      Array.from({ length: state.positions.length }, (_, index) => index + 1)
    )
    const [row] = await db
      .from('enrolments')
      .where('session_id', session.id)
      .whereIn('status', ['booked', 'waitlisted'])
      .count('* as total')
    assert.equal(Number(row.total), 24 - 6)
  }).timeout(120000)
})
