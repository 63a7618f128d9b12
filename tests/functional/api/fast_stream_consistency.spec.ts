import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import { createSession } from '#database/factories/learning_factory'
import { bearer, apiAs } from '#tests/support/api'
import { openApiDocument } from '../../../app/openapi/document.js'

/*
 * A closed round: team A's placement has two places, team B's one, and a
 * third needs DV clearance. Ann and Ben choose A, Cal chooses B, and Dee,
 * cleared only to SC, chooses the vetted one.
 */
async function closedRound() {
  const admin = await createUser({ roles: ['fast_stream_admin'] })
  const round = await createRound({ status: 'closed', name: 'Autumn round' })
  const teamA = await createTeam(undefined, 'Digital services')
  const teamB = await createTeam(undefined, 'Data science')
  const a = await createPlacement(round, { team: teamA, title: 'Service designer', capacity: 2 })
  const b = await createPlacement(round, { team: teamB, title: 'Data scientist' })
  const vetted = await createPlacement(round, {
    team: teamB,
    title: 'Vetted role',
    clearanceRequired: 'DV',
  })
  const { entrant: ann } = await createEntrant({ name: 'Ann Abbot' })
  const { entrant: ben } = await createEntrant({ name: 'Ben Bell' })
  const { entrant: cal } = await createEntrant({ name: 'Cal Cole' })
  const { entrant: dee } = await createEntrant({ name: 'Dee Dunn', clearance: 'SC' })
  await createShortlist(round, ann, [a])
  await createShortlist(round, ben, [a])
  await createShortlist(round, cal, [b])
  await createShortlist(round, dee, [vetted])
  return { admin, round }
}

/* An open round with one placement of the team lead's team, and two entrants who chose it. */
async function openRound() {
  const team = await createTeam(undefined, 'Platform')
  const lead = await createUser({ roles: ['team_lead'], overrides: { teamId: team.id } })
  const round = await createRound({ name: 'Spring round' })
  const placement = await createPlacement(round, {
    team,
    title: 'Platform engineer',
    clearanceRequired: 'DV',
  })
  const open = await createPlacement(round, { team, title: 'Service designer' })
  const { entrant: cleared, user: clearedUser } = await createEntrant({
    name: 'Dee Dunn',
    clearance: 'DV',
  })
  const { entrant: uncleared } = await createEntrant({ name: 'Eve Ellis', clearance: 'SC' })
  await createShortlist(round, cleared, [placement], DateTime.utc().minus({ hours: 2 }))
  await createShortlist(round, uncleared, [placement], DateTime.utc().minus({ hours: 1 }))
  return { team, lead, round, placement, open, cleared, clearedUser, uncleared }
}

test.group('API: the Fast Stream answers as the rest of the API does', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('running a match and reading it give the figures in one shape, documented once', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { admin, round } = await closedRound()
    const auth = await bearer(admin)
    const run = await apiAs(client, auth).post(`/api/v1/rounds/${round.id}/match`)
    run.assertStatus(200)
    const read = await apiAs(client, auth).get(`/api/v1/rounds/${round.id}/match`)
    read.assertStatus(200)
    // Ann, Ben and Cal each get their first choice; Dee may not take the only placement she chose.
    // Four places (2 + 1 + 1), three filled; nobody has had a digital posting, and three now do.
    const expected = {
      entrants: 4,
      matched: 3,
      unmatched: 1,
      firstChoice: 3,
      topThree: 3,
      adjusted: 0,
      placesOffered: 4,
      placesFilled: 3,
      needDigital: 4,
      needDigitalMatchedDigital: 3,
    }
    assert.deepEqual(run.body().data.stats, expected)
    assert.deepEqual(read.body().data.stats, expected)

    const document = openApiDocument()
    const shared = document.components.schemas.MatchStats
    assert.sameMembers([...shared.required!], Object.keys(expected))
    // Running the match answers with the match as reading it gives it.
    assert.deepEqual(run.body().data, read.body().data)
    const post = document.paths['/rounds/{id}/match'].post!.responses['200'] as any
    const get = document.paths['/rounds/{id}/match'].get!.responses['200'] as any
    const ran = post.content['application/json'].schema.properties.data
    assert.deepEqual(ran, { $ref: '#/components/schemas/MatchStatus' })
    assert.deepEqual(ran, get.content['application/json'].schema.properties.data)
    const status = document.components.schemas.MatchStatus.properties!.stats
    assert.deepEqual(status, {
      anyOf: [{ $ref: '#/components/schemas/MatchStats' }, { type: 'null' }],
    })
  })

  test('a list of choices and a ranking name broken rules alike: exists and distinct', async ({
    client,
    assert,
  }) => {
    const { lead, round, placement, open, cleared, clearedUser } = await openRound()
    const choices = await apiAs(client, await bearer(clearedUser))
      .put(`/api/v1/rounds/${round.id}/preferences`)
      .json({ placements: [open.id, 999999, open.id] })
    choices.assertStatus(422)
    assert.deepEqual(
      choices.body().errors.map((error: any) => [error.field, error.rule]),
      [
        ['placements.1', 'exists'],
        ['placements.2', 'distinct'],
      ]
    )
    const ranking = await apiAs(client, await bearer(lead))
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({ entrants: [cleared.id, 999999, cleared.id] })
    ranking.assertStatus(422)
    assert.deepEqual(
      ranking.body().errors.map((error: any) => [error.field, error.rule]),
      [
        ['entrants.1', 'exists'],
        ['entrants.2', 'distinct'],
      ]
    )
  })

  test('a closed window for choices answers 422 with a code, as booking that has closed does', async ({
    client,
    assert,
  }) => {
    const { round, open, clearedUser } = await openRound()
    round.preferencesCloseAt = DateTime.now().minus({ minutes: 5 })
    await round.save()
    const late = await apiAs(client, await bearer(clearedUser))
      .put(`/api/v1/rounds/${round.id}/preferences`)
      .json({ placements: [open.id] })
    late.assertStatus(422)
    late.assertHeader('content-type', 'application/problem+json; charset=utf-8')
    late.assertBodyContains({ status: 422, code: 'deadline_passed' })

    const start = DateTime.now().plus({ days: 3 })
    const session = await createSession({
      startsAt: start,
      bookingClosesAt: start.minus({ days: 5 }),
    })
    const booking = await apiAs(client, await bearer(await createUser())).post(
      `/api/v1/sessions/${session.id}/enrolments`
    )
    booking.assertStatus(422)
    booking.assertBodyContains({ status: 422, code: 'booking_closed' })
    assert.deepEqual(Object.keys(late.body()).sort(), Object.keys(booking.body()).sort())
  })

  test('a team lead asking for another team’s ranking gets the same 404 as for no placement', async ({
    client,
    assert,
  }) => {
    const { placement } = await openRound()
    const otherTeam = await createTeam()
    const otherLead = await createUser({
      roles: ['team_lead'],
      overrides: { teamId: otherTeam.id },
    })
    const auth = await bearer(otherLead)
    const theirs = await apiAs(client, auth).get(`/api/v1/placements/${placement.id}/rankings`)
    const none = await apiAs(client, auth).get('/api/v1/placements/999999/rankings')
    theirs.assertStatus(404)
    none.assertStatus(404)
    assert.deepEqual(theirs.body(), none.body())
    const write = await apiAs(client, auth)
      .put(`/api/v1/placements/${placement.id}/rankings`)
      .json({ entrants: [] })
    write.assertStatus(404)
    assert.deepEqual(write.body(), none.body())
  })

  test('a ranking gives each applicant’s ineligibility code, as the shortlist does', async ({
    client,
    assert,
  }) => {
    const { lead, placement, cleared, uncleared } = await openRound()
    const response = await apiAs(client, await bearer(lead)).get(
      `/api/v1/placements/${placement.id}/rankings`
    )
    response.assertStatus(200)
    assert.deepEqual(
      response
        .body()
        .data.applicants.map((applicant: any) => [
          applicant.entrant.id,
          applicant.eligible,
          applicant.ineligibleCode,
        ]),
      [
        [cleared.id, true, null],
        [uncleared.id, false, 'clearance'],
      ]
    )
  })

  test('an entrant reads choices only in a round they may see, as on the shortlist page', async ({
    client,
    assert,
  }) => {
    const { round, clearedUser } = await openRound()
    const { user: newcomer } = await createEntrant({ name: 'Fay Ford' })
    const closed = await createRound({ status: 'closed', name: 'Last round' })
    const earlier = await createPlacement(closed, { title: 'Policy analyst' })
    const { entrant: veteran, user: veteranUser } = await createEntrant({ name: 'Gil Gray' })
    await createShortlist(closed, veteran, [earlier])

    const get = async (roundId: number, user: typeof newcomer) =>
      apiAs(client, await bearer(user)).get(`/api/v1/rounds/${roundId}/preferences`)

    // An open round: anyone entering sees it, with or without a list.
    const listed = await get(round.id, clearedUser)
    listed.assertStatus(200)
    const fresh = await get(round.id, newcomer)
    fresh.assertStatus(200)
    assert.deepEqual(fresh.body().data.placements, [])
    // A closed round: only an entrant with a list in it.
    const own = await get(closed.id, veteranUser)
    own.assertStatus(200)
    assert.deepEqual(
      own.body().data.placements.map((entry: any) => entry.title),
      ['Policy analyst']
    )
    const hidden = await get(closed.id, newcomer)
    hidden.assertStatus(404)
    const missing = await get(999999, newcomer)
    missing.assertStatus(404)
    assert.deepEqual(hidden.body(), missing.body())
    const write = await apiAs(client, await bearer(newcomer))
      .put(`/api/v1/rounds/${closed.id}/preferences`)
      .json({ placements: [earlier.id] })
    write.assertStatus(404)
  })
})
