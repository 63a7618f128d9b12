import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createShortlist,
  createTeam,
  createTeamLead,
} from '#database/factories/fast_stream_factory'
import { apiAs, bearer } from '#tests/support/api'
import AuditEvent from '#models/audit_event'

/* A placement with three applicants (first, second and third to submit) and one entrant who chose another. */
async function setUp(roundStatus: 'open' | 'matched' = 'open') {
  const team = await createTeam()
  const lead = await createTeamLead(team, { learner: false })
  const round = await createRound({ status: roundStatus })
  const placement = await createPlacement(round, { team, title: 'Platform engineer' })
  const elsewhere = await createPlacement(round)
  const start = DateTime.fromISO('2026-05-01T09:00:00Z')
  const entrants = []
  for (const [index, chosen] of [placement, placement, placement, elsewhere].entries()) {
    const { entrant } = await createEntrant({ name: `Applicant ${index + 1}` })
    await createShortlist(round, entrant, [chosen], start.plus({ hours: index }))
    entrants.push(entrant)
  }
  const [first, second, third, outsider] = entrants
  return { team, lead, round, placement, first, second, third, outsider }
}

test.group('API: a team’s ranking of its applicants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the team lead reads the applicants in the team’s order', async ({ client, assert }) => {
    const { lead, placement, first, second, third, round } = await setUp()
    const response = await apiAs(client, await bearer(lead)).get(
      `/api/v1/placements/${placement.id}/rankings`
    )
    response.assertStatus(200)
    const data = response.body().data
    assert.deepEqual(data.placement, {
      id: placement.id,
      title: 'Platform engineer',
      status: 'approved',
    })
    assert.deepEqual(data.round, { id: round.id, name: round.name, status: 'open' })
    assert.deepEqual(data.ranking, [])
    assert.deepEqual(
      data.applicants.map((row: any) => [row.position, row.rank, row.entrant.id]),
      [
        [1, null, first.id],
        [2, null, second.id],
        [3, null, third.id],
      ]
    )
    assert.equal(data.applicants[0].entrant.name, 'Applicant 1')
    assert.equal(data.applicants[0].choice, 1)
    assert.equal(data.applicants[0].submittedAt, '2026-05-01T09:00:00.000Z')
    assert.isTrue(data.applicants[0].eligible)
  })

  test('putting a ranking saves it best first; the rest follow unranked', async ({
    client,
    assert,
  }) => {
    const { lead, placement, first, second, third } = await setUp()
    const response = await apiAs(client, await bearer(lead))
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({ entrants: [third.id, first.id] })
    response.assertStatus(200)
    const data = response.body().data
    assert.deepEqual(data.ranking, [third.id, first.id])
    assert.deepEqual(
      data.applicants.map((row: any) => [row.rank, row.entrant.id]),
      [
        [1, third.id],
        [2, first.id],
        [null, second.id],
      ]
    )
    const event = await AuditEvent.query()
      .where({ subject_type: 'placement', subject_id: String(placement.id), action: 'update' })
      .firstOrFail()
    assert.deepEqual(event.afterValues, { ranking: [third.id, first.id] })
    assert.equal(event.actorId, lead.id)

    const cleared = await apiAs(client, await bearer(lead))
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({ entrants: [] })
    cleared.assertStatus(200)
    assert.deepEqual(cleared.body().data.ranking, [])
  })

  test('unknown entrants, entrants who did not apply and duplicates are 422 with details', async ({
    client,
    assert,
  }) => {
    const { lead, placement, first, outsider } = await setUp()
    const response = await apiAs(client, await bearer(lead))
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({ entrants: [first.id, 999999, outsider.id, first.id] })
    response.assertStatus(422)
    response.assertHeader('content-type', 'application/problem+json; charset=utf-8')
    assert.deepEqual(response.body().errors, [
      {
        field: 'entrants.1',
        message: 'There is no entrant with the id 999999',
        rule: 'exists',
      },
      {
        field: 'entrants.2',
        message: `Entrant ${outsider.id} has not put this placement on a submitted shortlist`,
        rule: 'applicant',
      },
      {
        field: 'entrants.3',
        message: `Entrant ${first.id} is listed more than once`,
        rule: 'distinct',
      },
    ])
    assert.lengthOf(await db.from('placement_rankings').where('placement_id', placement.id), 0)

    const malformed = await apiAs(client, await bearer(lead))
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({ entrants: ['first', 2.5] })
    malformed.assertStatus(422)
    assert.deepEqual(
      malformed.body().errors.map((error: any) => [error.field, error.message]),
      [
        ['entrants.0', 'Each entry of entrants must be the id of an entrant'],
        ['entrants.1', 'Each entry of entrants must be the id of an entrant'],
      ]
    )
    const missing = await apiAs(client, await bearer(lead))
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({})
    missing.assertStatus(422)
    assert.equal(
      missing.body().errors[0].message,
      'Give entrants: the ids of the applicants, best first (an empty list ranks no one)'
    )
  })

  test('a matched round’s ranking is a conflict', async ({ client, assert }) => {
    const { lead, placement, first } = await setUp('matched')
    const response = await apiAs(client, await bearer(lead))
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({ entrants: [first.id] })
    response.assertStatus(409)
    response.assertHeader('content-type', 'application/problem+json; charset=utf-8')
    assert.equal(
      response.body().detail,
      'The round has been matched: the ranking can no longer change.'
    )
    assert.lengthOf(await db.from('placement_rankings').where('placement_id', placement.id), 0)
  })

  test('only the placement’s team lead and the Fast Stream team may use it', async ({
    client,
    assert,
  }) => {
    const { placement, first } = await setUp()
    const otherTeam = await createTeam()
    const otherLead = await createTeamLead(otherTeam, { learner: false })
    const learner = await createUser({ roles: ['learner'] })
    // Another team's placement answers as one that does not exist; a learner is refused outright.
    for (const [user, status] of [
      [otherLead, 404],
      [learner, 403],
    ] as const) {
      const auth = await bearer(user)
      const read = await apiAs(client, auth).get(`/api/v1/placements/${placement.id}/rankings`)
      read.assertStatus(status)
      const write = await apiAs(client, auth)
        .put(`/api/v1/placements/${placement.id}/rankings`)
        .json({ entrants: [first.id] })
      write.assertStatus(status)
    }
    const anonymous = await client.get(`/api/v1/placements/${placement.id}/rankings`)
    anonymous.assertStatus(401)
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const adminAuth = await bearer(admin)
    const missing = await apiAs(client, adminAuth).get('/api/v1/placements/999999/rankings')
    missing.assertStatus(404)
    const byAdmin = await apiAs(client, adminAuth)
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({ entrants: [first.id] })
    byAdmin.assertStatus(200)
    assert.deepEqual(byAdmin.body().data.ranking, [first.id])
  })
})
