import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  addPlacementSkills,
  createEntrant,
  createPlacement,
  createRound,
  createTeam,
} from '#database/factories/fast_stream_factory'
import { createSkill } from '#database/factories/framework_factory'
import { apiAs, bearer } from '#tests/support/api'
import { savedShortlist } from '#tests/support/fixtures/fast_stream'
import PlacementShortlist from '#models/placement_shortlist'
import type PlacementRound from '#models/placement_round'
import { expectStatus } from '#tests/support/responses'

/* The entrant's list for the round through the API: PUT replaces it, best first. */
function putPreferences(client: ApiClient, round: PlacementRound, auth: string, body: object) {
  return apiAs(client, auth).put(`/api/v1/rounds/${round.id}/preferences`).json(body)
}

function getPreferences(client: ApiClient, round: PlacementRound, auth: string) {
  return apiAs(client, auth).get(`/api/v1/rounds/${round.id}/preferences`)
}

/*
 * An open round with three approved placements (DfT digital BPSS, DfT
 * digital SC, HMRC non-digital), one waiting for approval, a placement
 * of another round, and an entrant holding CTC with an HMRC posting.
 */
async function setUp(options: { maxPreferences?: number } = {}) {
  const round = await createRound({ name: 'Spring round', maxPreferences: options.maxPreferences })
  const other = await createRound({ name: 'Other round' })
  other.preferencesCloseAt = other.preferencesCloseAt.plus({ days: 3 })
  await other.save()
  const dft = await OrganisationFactory.merge({
    name: 'Department for Transport',
    code: 'dft',
  }).create()
  const hmrc = await OrganisationFactory.merge({
    name: 'HM Revenue and Customs',
    code: 'hmrc',
  }).create()
  const dftTeam = await createTeam(dft, 'Rail data team')
  const hmrcTeam = await createTeam(hmrc, 'Tax team')
  const skill = await createSkill('Data engineering')
  const rail = await createPlacement(round, {
    team: dftTeam,
    title: 'Rail data engineer',
    location: 'London',
    startsOn: '2014-03-01',
    capacity: 2,
  })
  const roads = await createPlacement(round, {
    team: dftTeam,
    title: 'Roads platform engineer',
    location: 'Birmingham',
    clearanceRequired: 'SC',
  })
  const tax = await createPlacement(round, {
    team: hmrcTeam,
    title: 'Tax policy adviser',
    location: 'Leeds',
    clearanceRequired: 'CTC',
    digital: false,
  })
  const waiting = await createPlacement(round, { team: dftTeam, status: 'offered' })
  const elsewhere = await createPlacement(other, { team: dftTeam })
  await addPlacementSkills(rail, [skill])
  const { entrant, user } = await createEntrant({
    clearance: 'CTC',
    postings: [{ organisation: hmrc, digital: false }],
  })
  return { round, other, dft, hmrc, skill, rail, roads, tax, waiting, elsewhere, entrant, user }
}

test.group('API: searching a round’s placements', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an entrant gets the round’s approved placements with their eligibility and the counts', async ({
    client,
    assert,
  }) => {
    const { round, dft, hmrc, skill, rail, roads, tax, user } = await setUp()
    const response = await apiAs(client, await bearer(user)).get(
      `/api/v1/rounds/${round.id}/placements`
    )
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(
      body.data.map((item: any) => item.title),
      ['Rail data engineer', 'Roads platform engineer', 'Tax policy adviser']
    )
    assert.deepInclude(body.meta, { total: 3, page: 1, perPage: 20, lastPage: 1 })
    assert.sameDeepMembers(body.meta.departments, [
      { id: dft.id, name: 'Department for Transport', count: 2 },
      { id: hmrc.id, name: 'HM Revenue and Customs', count: 1 },
    ])
    const [first, second, third] = body.data
    assert.deepEqual(first, {
      id: rail.id,
      roundId: round.id,
      title: 'Rail data engineer',
      description: 'Work in a multidisciplinary team on a live service.',
      location: 'London',
      startsOn: '2014-03-01',
      capacity: 2,
      clearanceRequired: 'BPSS',
      digital: true,
      team: { id: rail.teamId, name: 'Rail data team' },
      organisation: { id: dft.id, name: 'Department for Transport' },
      department: { id: dft.id, code: 'dft', name: 'Department for Transport' },
      service: null,
      skills: [{ id: skill.id, name: 'Data engineering' }],
      shortlistRank: null,
      eligible: true,
      ineligibleCode: null,
      ineligibleReason: null,
    })
    assert.deepInclude(second, {
      id: roads.id,
      eligible: false,
      ineligibleCode: 'clearance',
      ineligibleReason: 'Needs SC clearance: you hold CTC',
    })
    assert.deepInclude(third, {
      id: tax.id,
      eligible: false,
      ineligibleCode: 'previous_department',
      ineligibleReason: 'You have already had a posting in HM Revenue and Customs',
    })
  })

  test('the filters narrow the results as on the page', async ({ client, assert }) => {
    const { round, dft, skill, user } = await setUp()
    const auth = await bearer(user)
    const titles = async (query: string) => {
      const response = await apiAs(client, auth).get(
        `/api/v1/rounds/${round.id}/placements?${query}`
      )
      response.assertStatus(200)
      return response.body().data.map((item: any) => item.title)
    }
    assert.deepEqual(await titles(`department=${dft.id}`), [
      'Rail data engineer',
      'Roads platform engineer',
    ])
    assert.deepEqual(await titles('location=Leeds'), ['Tax policy adviser'])
    assert.deepEqual(await titles(`skill=${skill.id}`), ['Rail data engineer'])
    assert.deepEqual(await titles('digitalOnly=true'), [
      'Rail data engineer',
      'Roads platform engineer',
    ])
    assert.deepEqual(await titles('myClearance=true'), ['Rail data engineer', 'Tax policy adviser'])
    assert.deepEqual(await titles('q=tax+team'), ['Tax policy adviser'])
    assert.deepEqual(await titles('sort=capacity'), [
      'Rail data engineer',
      'Roads platform engineer',
      'Tax policy adviser',
    ])
    assert.deepEqual(await titles('sort=department&perPage=1&page=3'), ['Tax policy adviser'])
  })

  test('paging gives perPage results and the total', async ({ client, assert }) => {
    const { round, user } = await setUp()
    const response = await apiAs(client, await bearer(user)).get(
      `/api/v1/rounds/${round.id}/placements?perPage=2&page=2`
    )
    response.assertStatus(200)
    assert.lengthOf(response.body().data, 1)
    assert.deepInclude(response.body().meta, { total: 3, page: 2, perPage: 2, lastPage: 2 })
  })

  test('bad query parameters are refused with 422 and each field named', async ({
    client,
    assert,
  }) => {
    const { round, user } = await setUp()
    const response = await apiAs(client, await bearer(user)).get(
      `/api/v1/rounds/${round.id}/placements?department=dft&sort=cheapest&perPage=500&digitalOnly=maybe`
    )
    response.assertStatus(422)
    const errors = response.body().errors.map((error: any) => [error.field, error.message])
    assert.sameDeepMembers(errors, [
      ['department', 'department must be the id of a department'],
      ['sort', 'sort must be one of title, start, department, capacity'],
      ['perPage', 'perPage must be a whole number from 1 to 100'],
      ['digitalOnly', 'digitalOnly must be true or false'],
    ])
  })

  test('the Fast Stream team sees any round, without eligibility', async ({ client, assert }) => {
    const { other, elsewhere } = await setUp()
    other.status = 'published'
    await other.save()
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const response = await apiAs(client, await bearer(admin)).get(
      `/api/v1/rounds/${other.id}/placements`
    )
    response.assertStatus(200)
    assert.deepEqual(
      response.body().data.map((item: any) => [item.id, item.eligible, item.ineligibleReason]),
      [[elsewhere.id, null, null]]
    )
  })

  test('an entrant cannot see a round that is not open; nobody sees a round that does not exist', async ({
    client,
  }) => {
    const { other, user } = await setUp()
    other.status = 'closed'
    await other.save()
    const auth = await bearer(user)
    const closed = await apiAs(client, auth).get(`/api/v1/rounds/${other.id}/placements`)
    closed.assertStatus(404)
    const missing = await apiAs(client, auth).get('/api/v1/rounds/999999/placements')
    missing.assertStatus(404)
  })

  test('people who are not entrants or the Fast Stream team are refused; no token is 401', async ({
    client,
  }) => {
    const { round } = await setUp()
    for (const roles of [['learner'], ['team_lead'], ['department_hr']] as const) {
      const person = await createUser({ roles: [...roles] })
      const response = await apiAs(client, await bearer(person)).get(
        `/api/v1/rounds/${round.id}/placements`
      )
      response.assertStatus(403)
    }
    expectStatus(await client.get(`/api/v1/rounds/${round.id}/placements`), 401)
  })
})

test.group('API: an entrant’s preferences', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('PUT replaces the list best first, and GET returns it', async ({ client, assert }) => {
    const { round, rail, roads, tax, entrant, user } = await setUp()
    const auth = await bearer(user)
    const first = await putPreferences(client, round, auth, { placements: [tax.id, rail.id] })
    first.assertStatus(200)
    assert.deepEqual(await savedShortlist(entrant, round), [tax.id, rail.id])

    const second = await putPreferences(client, round, auth, {
      placements: [roads.id, rail.id],
      submit: false,
    })
    second.assertStatus(200)
    assert.deepEqual(await savedShortlist(entrant, round), [roads.id, rail.id])

    const read = await getPreferences(client, round, auth)
    read.assertStatus(200)
    const data = read.body().data
    assert.deepInclude(data.round, {
      id: round.id,
      name: 'Spring round',
      status: 'open',
      maxPreferences: 10,
      open: true,
      preferencesCloseAt: round.preferencesCloseAt.startOf('second').toUTC().toISO(),
    })
    assert.isFalse(data.submitted)
    assert.isNull(data.submittedAt)
    assert.deepEqual(
      data.placements.map((item: any) => [
        item.rank,
        item.id,
        item.eligible,
        item.ineligibleReason,
      ]),
      [
        [1, roads.id, false, 'Needs SC clearance: you hold CTC'],
        [2, rail.id, true, null],
      ]
    )
    assert.deepEqual(second.body(), read.body(), 'PUT answers with the saved list')
  })

  test('submit: true submits the list; a later PUT without it keeps it submitted', async ({
    client,
    assert,
  }) => {
    const { round, rail, tax, entrant, user } = await setUp()
    const auth = await bearer(user)
    const response = await putPreferences(client, round, auth, {
      placements: [rail.id],
      submit: true,
    })
    response.assertStatus(200)
    const shortlist = await PlacementShortlist.findByOrFail('entrant_id', entrant.id)
    assert.isNotNull(shortlist.submittedAt)
    assert.isTrue(response.body().data.submitted)
    assert.equal(response.body().data.submittedAt, shortlist.submittedAt!.toUTC().toISO())

    await putPreferences(client, round, auth, { placements: [rail.id, tax.id] })
    const after = await PlacementShortlist.findByOrFail('entrant_id', entrant.id)
    assert.equal(after.submittedAt!.toMillis(), shortlist.submittedAt!.toMillis())
    assert.deepEqual(await savedShortlist(entrant, round), [rail.id, tax.id])
  })

  test('duplicates, unknown, unapproved and other rounds’ placements are refused with 422 naming each entry', async ({
    client,
    assert,
  }) => {
    const { round, rail, waiting, elsewhere, entrant, user } = await setUp()
    const auth = await bearer(user)
    await putPreferences(client, round, auth, { placements: [rail.id] })
    const response = await putPreferences(client, round, auth, {
      placements: [rail.id, 999999, waiting.id, elsewhere.id, rail.id],
    })
    response.assertStatus(422)
    assert.equal(response.body().detail, 'The request has errors in the fields listed.')
    assert.deepEqual(
      response.body().errors.map((error: any) => [error.field, error.rule, error.message]),
      [
        ['placements.1', 'exists', 'There is no placement 999999'],
        [
          'placements.2',
          'approved',
          `Placement ${waiting.id} is not open to choices: its status is waiting for approval`,
        ],
        ['placements.3', 'round', `Placement ${elsewhere.id} is not offered in Spring round`],
        [
          'placements.4',
          'distinct',
          `Placement ${rail.id} is listed more than once: it is already choice 1`,
        ],
      ]
    )
    assert.deepEqual(await savedShortlist(entrant, round), [rail.id], 'nothing changed')
  })

  test('more placements than the round takes, or submitting none, is refused with 422', async ({
    client,
    assert,
  }) => {
    const { round, rail, roads, tax, entrant, user } = await setUp({ maxPreferences: 2 })
    const auth = await bearer(user)
    const tooMany = await putPreferences(client, round, auth, {
      placements: [rail.id, roads.id, tax.id],
    })
    tooMany.assertStatus(422)
    assert.deepEqual(tooMany.body().errors, [
      {
        field: 'placements',
        rule: 'maxLength',
        message: 'List at most 2 placements: that is as many choices as Spring round takes',
      },
    ])
    const none = await putPreferences(client, round, auth, { placements: [], submit: true })
    none.assertStatus(422)
    assert.deepEqual(none.body().errors, [
      {
        field: 'placements',
        rule: 'required',
        message: 'List at least one placement to submit your choices',
      },
    ])
    assert.deepEqual(await savedShortlist(entrant, round), [])
  })

  test('a body that is not a list of ids is refused with 422', async ({ client, assert }) => {
    const { round, user } = await setUp()
    const auth = await bearer(user)
    const response = await putPreferences(client, round, auth, {
      placements: ['first'],
      submit: 'perhaps',
    })
    response.assertStatus(422)
    assert.sameDeepMembers(
      response.body().errors.map((error: any) => [error.field, error.message]),
      [
        ['placements.0', 'Each entry of placements must be the id of a placement'],
        ['submit', 'submit must be true or false'],
      ]
    )
    const missing = await putPreferences(client, round, auth, {})
    missing.assertStatus(422)
    assert.equal(
      missing.body().errors[0].message,
      'placements is required: the ids of your placements, best first'
    )
  })

  test('after the deadline, or once the round is closed, a PUT is refused with 422 and nothing changes', async ({
    client,
    assert,
  }) => {
    const { round, rail, tax, entrant, user } = await setUp()
    const auth = await bearer(user)
    await putPreferences(client, round, auth, { placements: [rail.id] })
    round.preferencesCloseAt = DateTime.now().minus({ hours: 1 })
    await round.save()
    const late = await putPreferences(client, round, auth, {
      placements: [tax.id, rail.id],
      submit: true,
    })
    late.assertStatus(422)
    late.assertBodyContains({ status: 422, code: 'deadline_passed' })
    assert.match(late.body().detail, /^The deadline for choices in Spring round was /)

    round.status = 'closed'
    await round.save()
    const closed = await putPreferences(client, round, auth, { placements: [tax.id] })
    closed.assertStatus(422)
    closed.assertBodyContains({ code: 'round_not_open' })

    assert.deepEqual(await savedShortlist(entrant, round), [rail.id])
    const read = await getPreferences(client, round, auth)
    assert.isFalse(read.body().data.round.open)
    assert.isFalse(read.body().data.submitted)
  })

  test('an entrant gets only their own list; others are refused', async ({ client, assert }) => {
    const { round, rail, user } = await setUp()
    await putPreferences(client, round, await bearer(user), { placements: [rail.id] })
    const { user: other } = await createEntrant()
    const theirs = await getPreferences(client, round, await bearer(other))
    theirs.assertStatus(200)
    assert.deepEqual(theirs.body().data.placements, [])

    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const refused = await putPreferences(client, round, await bearer(admin), {
      placements: [rail.id],
    })
    refused.assertStatus(403)
    const read = await getPreferences(client, round, await bearer(await createUser()))
    read.assertStatus(403)
    expectStatus(
      await apiAs(client, await bearer(other)).get('/api/v1/rounds/999999/preferences'),
      404
    )
    expectStatus(
      await apiAs(client, await bearer(other))
        .put('/api/v1/rounds/999999/preferences')
        .json({ placements: [] }),
      404
    )
  })
})
