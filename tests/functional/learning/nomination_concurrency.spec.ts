import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createSession } from '#database/factories/learning_factory'
import { apiAs, bearer } from '#tests/support/api'
import { enrolled } from '#tests/support/enrolments'
import Enrolment from '#models/enrolment'

/*
 * Nomination takes seats under the same session lock as self-enrolment:
 * real parallel requests over HTTP, each in its own transactions, outside
 * the global test transaction (which would serialise them and hide a
 * missing lock). SQLite serialises writes anyway; the run on MySQL is the
 * proof.
 */
test.group('Nomination under concurrent requests', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('two nominators and a learner booking themselves race for the last seat: one gets it, the others wait in order', async ({
    client,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const session = await createSession({ capacity: 3 })
    for (let index = 0; index < 2; index++) {
      await enrolled(await createUser({ organisation: department }), session.id)
    }
    const managers = [
      await createUser({ organisation: department }),
      await createUser({ organisation: department }),
    ]
    const reports = []
    for (const manager of managers) {
      for (let index = 0; index < 4; index++) {
        reports.push(
          await createUser({ organisation: department, overrides: { lineManagerId: manager.id } })
        )
      }
    }
    const learner = await createUser({ organisation: department })
    const [first, second, own] = await Promise.all([
      apiAs(client, await bearer(managers[0]))
        .post(`/api/v1/sessions/${session.id}/nominations`)
        .json({ userIds: reports.slice(0, 4).map((report) => report.id) }),
      apiAs(client, await bearer(managers[1]))
        .post(`/api/v1/sessions/${session.id}/nominations`)
        .json({ userIds: reports.slice(4).map((report) => report.id) }),
      apiAs(client, await bearer(learner))
        .post(`/api/v1/sessions/${session.id}/enrolments`)
        .json({}),
    ])
    first.assertStatus(201)
    second.assertStatus(201)
    own.assertStatus(201)

    const rows = await Enrolment.query().where('session_id', session.id)
    assert.equal(rows.filter((row) => row.status === 'booked').length, 3)
    assert.deepEqual(
      rows
        .filter((row) => row.status === 'waitlisted')
        .map((row) => row.waitlistPosition)
        .sort((a, b) => a! - b!),
      [1, 2, 3, 4, 5, 6, 7, 8]
    )
    const answered = [...first.body().data.people, ...second.body().data.people]
    assert.equal(
      answered.filter((person: { outcome: string }) => person.outcome === 'booked').length +
        (own.body().data.status === 'booked' ? 1 : 0),
      1
    )
  }).timeout(120000)

  test('two nominators naming the same person at once book them once; the other is told they already have a place', async ({
    client,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const hr = await createUser({ organisation: department, roles: ['department_hr'] })
    const manager = await createUser({ organisation: department })
    const person = await createUser({
      organisation: department,
      overrides: { lineManagerId: manager.id },
    })
    const session = await createSession({ capacity: 5 })
    const responses = await Promise.all(
      [hr, manager].map(async (nominator) =>
        apiAs(client, await bearer(nominator))
          .post(`/api/v1/sessions/${session.id}/nominations`)
          .json({ userIds: [person.id] })
      )
    )
    assert.sameMembers(
      responses.map((response) => response.body().data.people[0].outcome),
      ['booked', 'already_enrolled']
    )
    assert.lengthOf(await Enrolment.query().where('session_id', session.id), 1)
  }).timeout(60000)
})
