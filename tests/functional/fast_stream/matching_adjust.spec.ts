import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createPlacement, createRound } from '#database/factories/fast_stream_factory'
import { rankedRound } from '#tests/support/fixtures/fast_stream'
import PlacementMatch from '#models/placement_match'
import AuditEvent from '#models/audit_event'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import type PlacementRound from '#models/placement_round'
import type User from '#models/user'
import { runMatch } from '#actions/fast_stream/matching/run_match'
import { checkMove } from '#actions/fast_stream/matching/move_entrant'
import { submitAs } from '#tests/support/forms'

/*
 * The ranked round, matched: Ann gets Policy lab, Ben Data hub, Cat
 * Service desk; Dan wanted only Policy lab, whose team ranks him below
 * Ann, so he has nothing. Every placement takes one entrant.
 *
 *   Ann: Policy lab, Service desk    Policy lab ranks Ann, Ben, Dan
 *   Ben: Data hub, Policy lab        Data hub ranks Ben
 *   Cat: Service desk                Service desk ranks Cat, Ann
 *   Dan: Policy lab
 */
async function matchedRound() {
  const fixture = await rankedRound()
  const { admin, round } = fixture
  await runMatch(round.id, admin.id)
  await round.refresh()
  const matchOf = async (entrant: FastStreamEntrant) =>
    PlacementMatch.query().where({ round_id: round.id, entrant_id: entrant.id }).firstOrFail()
  return { ...fixture, matchOf }
}

function movePath(round: PlacementRound, match: PlacementMatch) {
  return `/fast-stream/admin/rounds/${round.id}/matches/${match.id}/move`
}

/* Confirms a move, with the reason a move needs. */
async function confirm(
  client: any,
  admin: User,
  path: string,
  placement: string,
  reason = 'The team asked for someone with data skills'
) {
  return submitAs(client, admin).post(path, { placement, reason })
}

test.group('Fast Stream matching: moving an entrant by hand', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the engine’s result has no blocking pairs; taking Ann out of Policy lab creates two', async ({
    assert,
  }) => {
    const { round, policyLab, ann, dan, matchOf } = await matchedRound()
    const annMatch = await matchOf(ann)
    assert.equal(annMatch.placementId, policyLab.id)
    const danMatch = await matchOf(dan)
    assert.isNull(danMatch.placementId)

    const result = await checkMove(round, { entrantId: ann.id, placementId: policyLab.id }, null)
    assert.equal(result.type, 'checked')
    if (result.type !== 'checked') return
    // Policy lab has a free place, and Ann and Dan would each rather have it than nothing.
    assert.deepInclude(result.check, { before: 0, after: 2, created: 2 })
    assert.sameDeepMembers(result.check.newPairs, [
      { entrant: 'Ann Archer', placement: 'Policy lab' },
      { entrant: 'Dan Dyer', placement: 'Policy lab' },
    ])
    assert.deepEqual(result.check.overCapacity, [])
    assert.deepEqual(result.check.unacceptable, [])
  })

  test('the move page warns with the number of blocking pairs the move creates, and names them', async ({
    client,
  }) => {
    const { admin, round, ann, matchOf } = await matchedRound()
    const path = movePath(round, await matchOf(ann))
    const form = await client.get(path).loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Move Ann Archer</h1>')
    form.assertTextIncludes('No placement: leave the entrant unmatched')

    const page = await client.get(path).qs({ placement: 'none' }).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Warning: this move creates 2 blocking pairs.')
    page.assertTextIncludes('The result has 0 blocking pairs now and would have 2 after the move.')
    page.assertTextIncludes('<li>Ann Archer and Policy lab</li>')
    page.assertTextIncludes('<li>Dan Dyer and Policy lab</li>')
    page.assertTextIncludes('Confirm the move')
  })

  test('a move that overfills a placement or breaks the rules is flagged, even with no new blocking pair', async ({
    client,
    assert,
  }) => {
    const { admin, round, dataHub, dan, matchOf } = await matchedRound()
    const result = await checkMove(round, { entrantId: dan.id, placementId: null }, dataHub.id)
    assert.equal(result.type, 'checked')
    if (result.type !== 'checked') return
    assert.equal(result.check.created, 0)
    assert.deepEqual(result.check.overCapacity, [
      { placement: 'Data hub', assigned: 2, capacity: 1 },
    ])
    assert.deepEqual(result.check.unacceptable, ['The placement is not in the entrant’s ranking.'])
    assert.isNull(result.check.choice)

    const page = await client
      .get(movePath(round, await matchOf(dan)))
      .qs({ placement: String(dataHub.id) })
      .loginAs(admin)
    page.assertTextIncludes('This move creates no blocking pairs.')
    page.assertTextIncludes('Data hub would have 2 entrants for 1 place')
    page.assertTextIncludes('The placement is not in the entrant’s ranking.')
  })

  test('confirming a move saves who moved the entrant and when, audited with the placement before and after', async ({
    client,
    assert,
  }) => {
    const { admin, round, policyLab, serviceDesk, ann, cat, matchOf } = await matchedRound()
    const catMatch = await matchOf(cat)
    // Cat to Policy lab, which she never chose.
    const response = await confirm(client, admin, movePath(round, catMatch), String(policyLab.id))
    response.assertStatus(302)
    response.assertHeader(
      'location',
      `/fast-stream/admin/rounds/${round.id}/results?outcome=adjusted`
    )
    response.assertFlashMessage('success', 'Cat Carter moved to Policy lab')

    await catMatch.refresh()
    assert.equal(catMatch.placementId, policyLab.id)
    assert.isNull(catMatch.choice)
    assert.equal(catMatch.adjustedBy, admin.id)
    assert.isNotNull(catMatch.adjustedAt)
    const event = await AuditEvent.query()
      .where({ subject_type: 'placement_match', subject_id: String(catMatch.id), action: 'update' })
      .firstOrFail()
    assert.equal(event.actorId, admin.id)
    assert.equal(JSON.parse(String(event.before)).placementId, serviceDesk.id)
    assert.equal(JSON.parse(String(event.after)).placementId, policyLab.id)

    // Ann moved to her second choice keeps its number; taking her out records why.
    const annMatch = await matchOf(ann)
    await confirm(client, admin, movePath(round, annMatch), String(serviceDesk.id))
    await annMatch.refresh()
    assert.equal(annMatch.placementId, serviceDesk.id)
    assert.equal(annMatch.choice, 2)
    const out = await confirm(client, admin, movePath(round, annMatch), 'none')
    out.assertFlashMessage('success', 'Ann Archer now has no placement')
    await annMatch.refresh()
    assert.isNull(annMatch.placementId)
    assert.equal(annMatch.unmatchedCode, 'removed_by_hand')

    // The results page lists the moves and counts the blocking pairs they leave.
    const page = await client
      .get(`/fast-stream/admin/rounds/${round.id}/results`)
      .qs({ outcome: 'adjusted' })
      .loginAs(admin)
    page.assertTextIncludes('Moved by hand (2)')
    page.assertTextIncludes('Cat Carter')
    page.assertTextIncludes('After the moves by hand the result has')
  })

  test('a move to nowhere useful is refused with a message on the field', async ({
    client,
    assert,
  }) => {
    const { admin, round, policyLab, ann, matchOf } = await matchedRound()
    const annMatch = await matchOf(ann)
    const path = movePath(round, annMatch)
    const elsewhere = await createPlacement(await createRound({ status: 'closed' }))

    const blank = await client.get(path).qs({ placement: '' }).loginAs(admin)
    blank.assertStatus(200)
    blank.assertTextIncludes('<title>Error: Move Ann Archer')
    blank.assertTextIncludes('Select the placement to move the entrant to, or no placement')

    const junk = await client.get(path).qs({ placement: 'p1' }).loginAs(admin)
    junk.assertTextIncludes('Select the placement to move the entrant to, or no placement')

    const foreign = await client
      .get(path)
      .qs({ placement: String(elsewhere.id) })
      .loginAs(admin)
    foreign.assertTextIncludes('Select a placement approved in this round')
    assert.notInclude(foreign.text(), 'Confirm the move')

    const same = await client
      .get(path)
      .qs({ placement: String(policyLab.id) })
      .loginAs(admin)
    same.assertTextIncludes('Select a different placement: Ann Archer already has this one')

    const posted = await confirm(client, admin, path, '')
    posted.assertStatus(302)
    posted.assertFlashMessage('inputErrorsBag', {
      placement: ['Select the placement to move the entrant to, or no placement'],
    })
    const foreignPost = await confirm(client, admin, path, String(elsewhere.id))
    foreignPost.assertFlashMessage('inputErrorsBag', {
      placement: ['Select a placement approved in this round'],
    })
    await annMatch.refresh()
    assert.equal(annMatch.placementId, policyLab.id)
    assert.isNull(annMatch.adjustedAt)
  })

  test('entrants can only be moved while the round is matched and unpublished, by the Fast Stream team', async ({
    client,
    assert,
  }) => {
    const { admin, round, serviceDesk, ann, matchOf } = await matchedRound()
    const annMatch = await matchOf(ann)
    const path = movePath(round, annMatch)

    const teamLead = await createUser({ roles: ['team_lead', 'learner'] })
    const leadPage = await client.get(path).loginAs(teamLead)
    leadPage.assertStatus(403)
    const leadMove = await confirm(client, teamLead, path, String(serviceDesk.id))
    leadMove.assertStatus(403)

    const otherRound = await createRound({ status: 'closed' })
    const wrongRound = await client
      .get(`/fast-stream/admin/rounds/${otherRound.id}/matches/${annMatch.id}/move`)
      .loginAs(admin)
    wrongRound.assertStatus(404)

    round.merge({ status: 'published', publishedAt: DateTime.utc() })
    await round.save()
    const refused = await confirm(client, admin, path, String(serviceDesk.id))
    refused.assertHeader('location', `/fast-stream/admin/rounds/${round.id}/results`)
    refused.assertFlashMessage(
      'error',
      'Entrants can only be moved while the round is matched and not yet published'
    )
    const page = await client.get(path).loginAs(admin).redirects(0)
    page.assertStatus(302)
    await annMatch.refresh()
    assert.isNull(annMatch.adjustedAt)
  })
})
