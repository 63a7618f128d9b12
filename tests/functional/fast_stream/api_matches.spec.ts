import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
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
import PlacementMatch from '#models/placement_match'
import { MATCHING_LIMITS } from '#actions/fast_stream/matching/run_match'
import { publishRound } from '#actions/fast_stream/matching/publish_round'

/* Two teams' placements; Ann and Ben go to the first team, Cal to the second, Dee nowhere. */
async function closedRound(status: 'closed' | 'open' = 'closed') {
  const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
  const round = await createRound({ status, name: `API round ${status}` })
  const teamA = await createTeam(undefined, 'Digital services')
  const teamB = await createTeam(undefined, 'Data science')
  const leadA = await createTeamLead(teamA)
  const leadB = await createTeamLead(teamB)
  const a = await createPlacement(round, { team: teamA, title: 'Service designer', capacity: 2 })
  const b = await createPlacement(round, { team: teamB, title: 'Data scientist' })
  const secure = await createPlacement(round, {
    team: teamB,
    title: 'Vetted role',
    clearanceRequired: 'DV',
  })
  const { entrant: ann } = await createEntrant({ name: 'Ann Abbot' })
  const { entrant: ben } = await createEntrant({ name: 'Ben Bell' })
  const { entrant: cal } = await createEntrant({ name: 'Cal Cole' })
  const { entrant: dee } = await createEntrant({ name: 'Dee Dunn' })
  await createShortlist(round, ann, [a])
  await createShortlist(round, ben, [a, b])
  await createShortlist(round, cal, [b])
  await createShortlist(round, dee, [secure])
  return { admin, round, leadA, leadB, ann, ben, cal, dee, a, b }
}

test.group('API: Fast Stream matches', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('an admin runs a small round’s match at once and gets it as reading it gives it, figures included', async ({
    client,
    assert,
  }) => {
    const { admin, round } = await closedRound()
    const response = await apiAs(client, await bearer(admin)).post(
      `/api/v1/rounds/${round.id}/match`
    )
    response.assertStatus(200)
    await round.refresh()
    assert.deepEqual(response.body().data, {
      status: 'matched',
      matchedAt: round.matchedAt!.toUTC().toISO(),
      publishedAt: null,
      postingWindow: round.postingWindow,
      stats: {
        entrants: 4,
        matched: 3,
        unmatched: 1,
        firstChoice: 3,
        topThree: 3,
        placesOffered: 4,
        adjusted: 0,
        placesFilled: 3,
        needDigital: 4,
        needDigitalMatchedDigital: 3,
      },
    })
    assert.lengthOf(await PlacementMatch.query().where('round_id', round.id), 4)

    const status = await apiAs(client, await bearer(admin)).get(`/api/v1/rounds/${round.id}/match`)
    status.assertStatus(200)
    assert.equal(status.body().data.status, 'matched')
    assert.equal(status.body().data.stats.matched, 3)
    assert.isNull(status.body().data.publishedAt)
    // One shape for a round's match: running it answers as reading it does.
    assert.deepEqual(response.body().data, status.body().data)
  })

  test('a large round is queued: 202 with where to watch it', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { admin, round } = await closedRound()
    const limit = MATCHING_LIMITS.inlineEntrants
    MATCHING_LIMITS.inlineEntrants = 1
    cleanup(() => {
      MATCHING_LIMITS.inlineEntrants = limit
    })
    const response = await apiAs(client, await bearer(admin)).post(
      `/api/v1/rounds/${round.id}/match`
    )
    response.assertStatus(202)
    response.assertHeader('location', `/api/v1/rounds/${round.id}/match`)
    assert.deepEqual(response.body().data, {
      status: 'running',
      entrants: 4,
      statusUrl: `/api/v1/rounds/${round.id}/match`,
    })
    // The test queue has already run the job.
    const status = await apiAs(client, await bearer(admin)).get(`/api/v1/rounds/${round.id}/match`)
    assert.equal(status.body().data.status, 'matched')
  })

  test('an open or published round answers 409; others 403, no token 401, no round 404', async ({
    client,
    assert,
  }) => {
    const open = await closedRound('open')
    const auth = await bearer(open.admin)
    const refused = await apiAs(client, auth).post(`/api/v1/rounds/${open.round.id}/match`)
    refused.assertStatus(409)
    assert.equal(
      refused.body().detail,
      'The round is still open to preferences: close it before running the match.'
    )

    const closed = await closedRound()
    await apiAs(client, auth).post(`/api/v1/rounds/${closed.round.id}/match`)
    await closed.round.refresh()
    mail.fake()
    await publishRound(closed.round, closed.admin)
    const published = await apiAs(client, auth).post(`/api/v1/rounds/${closed.round.id}/match`)
    published.assertStatus(409)
    assert.equal(
      published.body().detail,
      'The round is published: its result can no longer change.'
    )

    const learner = await createUser()
    const forbidden = await apiAs(client, await bearer(learner)).post(
      `/api/v1/rounds/${closed.round.id}/match`
    )
    forbidden.assertStatus(403)
    const teamLead = await apiAs(client, await bearer(closed.leadA)).get(
      `/api/v1/rounds/${closed.round.id}/match`
    )
    teamLead.assertStatus(403)
    const anonymous = await client.post(`/api/v1/rounds/${closed.round.id}/match`)
    anonymous.assertStatus(401)
    const missing = await apiAs(client, auth).post('/api/v1/rounds/999999/match')
    missing.assertStatus(404)
  })

  test('an admin pages through every match, filtered; bad paging is a 422 naming the field', async ({
    client,
    assert,
  }) => {
    const { admin, round } = await closedRound()
    const auth = await bearer(admin)
    await apiAs(client, auth).post(`/api/v1/rounds/${round.id}/match`)

    const page = await apiAs(client, auth)
      .get(`/api/v1/rounds/${round.id}/matches`)
      .qs({ perPage: 3 })
    page.assertStatus(200)
    assert.deepEqual(page.body().meta, { total: 4, page: 1, perPage: 3, lastPage: 2 })
    assert.deepEqual(
      page.body().data.map((row: any) => row.entrant.name),
      ['Ann Abbot', 'Ben Bell', 'Cal Cole']
    )
    const ann = page.body().data[0]
    assert.equal(ann.placement.title, 'Service designer')
    assert.equal(ann.choice, 1)
    assert.isNull(ann.unmatched)
    assert.isNull(ann.adjusted)

    const unmatched = await apiAs(client, auth)
      .get(`/api/v1/rounds/${round.id}/matches`)
      .qs({ outcome: 'unmatched' })
    assert.lengthOf(unmatched.body().data, 1)
    assert.equal(unmatched.body().data[0].entrant.name, 'Dee Dunn')
    assert.isNull(unmatched.body().data[0].placement)
    assert.equal(unmatched.body().data[0].unmatched.code, 'no_eligible_choice')
    assert.include(unmatched.body().data[0].unmatched.reason, '“Vetted role” needs DV clearance')

    const bad = await apiAs(client, auth)
      .get(`/api/v1/rounds/${round.id}/matches`)
      .qs({ perPage: 500, outcome: 'everyone' })
    bad.assertStatus(422)
    assert.sameDeepMembers(
      bad.body().errors.map((error: any) => ({ field: error.field, message: error.message })),
      [
        { field: 'outcome', message: 'outcome must be one of matched, unmatched or adjusted' },
        { field: 'perPage', message: 'perPage must be a whole number from 1 to 100' },
      ]
    )
  })

  test('team leads see only the matches to their team’s placements, and only once published', async ({
    client,
    assert,
  }) => {
    const { admin, round, leadA, leadB } = await closedRound()
    await apiAs(client, await bearer(admin)).post(`/api/v1/rounds/${round.id}/match`)
    const early = await apiAs(client, await bearer(leadA)).get(`/api/v1/rounds/${round.id}/matches`)
    early.assertStatus(403)
    assert.equal(
      early.body().detail,
      'Team leads can see the matches to their placements once the round is published.'
    )

    await round.refresh()
    mail.fake()
    await publishRound(round, admin)
    const mine = await apiAs(client, await bearer(leadA)).get(`/api/v1/rounds/${round.id}/matches`)
    mine.assertStatus(200)
    assert.deepEqual(
      mine.body().data.map((row: any) => row.entrant.name),
      ['Ann Abbot', 'Ben Bell']
    )
    const theirs = await apiAs(client, await bearer(leadB)).get(
      `/api/v1/rounds/${round.id}/matches`
    )
    assert.deepEqual(
      theirs.body().data.map((row: any) => row.entrant.name),
      ['Cal Cole']
    )

    const learner = await createUser()
    const refused = await apiAs(client, await bearer(learner)).get(
      `/api/v1/rounds/${round.id}/matches`
    )
    refused.assertStatus(403)
  })

  test('an entrant reads their own result and postings; others are refused', async ({
    client,
    assert,
  }) => {
    const { admin, round, ann, dee } = await closedRound()
    await apiAs(client, await bearer(admin)).post(`/api/v1/rounds/${round.id}/match`)
    const annUser = await ann.related('user').query().firstOrFail()
    // As stored: to the second.
    await round.refresh()

    const before = await apiAs(client, await bearer(annUser)).get('/api/v1/me/placement')
    before.assertStatus(200)
    assert.isNull(before.body().data.result)
    assert.deepEqual(before.body().data.pending, [
      { id: round.id, name: round.name, resultsAt: round.resultsAt.toUTC().toISO() },
    ])
    assert.deepEqual(before.body().data.postings, [])

    mail.fake()
    await publishRound(round, admin)
    const after = await apiAs(client, await bearer(annUser)).get('/api/v1/me/placement')
    const data = after.body().data
    assert.deepEqual(data.pending, [])
    assert.equal(data.result.round.id, round.id)
    assert.deepInclude(data.result.placement, {
      title: 'Service designer',
      team: 'Digital services',
      startsOn: '2014-03-01',
      digital: true,
    })
    assert.equal(data.result.choice, 1)
    assert.isNull(data.result.reason)
    assert.lengthOf(data.postings, 1)
    assert.deepInclude(data.postings[0], {
      title: 'Service designer',
      startsOn: '2014-03-01',
      endsOn: '2014-09-01',
      digital: true,
    })

    const deeUser = await dee.related('user').query().firstOrFail()
    const unmatched = await apiAs(client, await bearer(deeUser)).get('/api/v1/me/placement')
    assert.isNull(unmatched.body().data.result.placement)
    assert.include(unmatched.body().data.result.reason, 'None of the placements you ranked')

    const learner = await createUser()
    const notEntrant = await apiAs(client, await bearer(learner)).get('/api/v1/me/placement')
    notEntrant.assertStatus(403)
    const anonymous = await client.get('/api/v1/me/placement')
    anonymous.assertStatus(401)
  })
})
