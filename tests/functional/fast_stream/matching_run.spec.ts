import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRanking,
  createRound,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import PlacementMatch from '#models/placement_match'
import type PlacementRound from '#models/placement_round'
import AuditEvent from '#models/audit_event'
import { buildRoundInput, idOfKey, placementKey } from '#queries/fast_stream/round_input_query'
import { matchRound } from '#domain/fast_stream/matching_engine'
import { MATCHING_LIMITS, abandonMatch, matchState } from '#actions/fast_stream/matching/run_match'
import { submitAs } from '#tests/support/forms'

/*
 * A closed round: Ada and Bo both want the platform job, whose team ranks
 * Bo first, so Ada gets her second choice; Cy wants only the secure job,
 * which needs SC clearance he does not hold.
 */
async function closedRound(
  status: 'closed' | 'open' | 'matched' | 'published' = 'closed',
  name = 'Spring 2014'
) {
  const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
  const round = await createRound({ status, name })
  const platform = await createPlacement(round, {
    title: 'Platform engineer',
    team: await createTeam(dft, 'Vehicle services'),
  })
  const research = await createPlacement(round, {
    title: 'User researcher',
    team: await createTeam(hmrc, 'Tax platform'),
    capacity: 2,
  })
  const secure = await createPlacement(round, {
    title: 'Secure systems analyst',
    team: await createTeam(hmrc, 'Border systems'),
    clearanceRequired: 'SC',
  })
  const { entrant: ada } = await createEntrant({ name: 'Ada Lovelace' })
  const { entrant: bo } = await createEntrant({ name: 'Bo Diddley' })
  const { entrant: cy } = await createEntrant({ name: 'Cy Twombly', clearance: 'BPSS' })
  await createShortlist(round, ada, [platform, research])
  await createShortlist(round, bo, [platform])
  await createShortlist(round, cy, [secure])
  await createRanking(platform, [bo, ada])
  return { admin, round, platform, research, secure, ada, bo, cy, dft, hmrc }
}

async function runMatch(client: any, admin: any, round: PlacementRound) {
  return submitAs(client, admin).post(`/fast-stream/admin/rounds/${round.id}/match`)
}

test.group('Fast Stream matching: running the match', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('running the match stores one row per entrant as the engine matched them and marks the round matched, audited', async ({
    client,
    assert,
  }) => {
    const { admin, round, platform, research, ada, bo, cy } = await closedRound()
    const expected = matchRound(await buildRoundInput(round))

    const response = await runMatch(client, admin, round)
    response.assertStatus(302)
    response.assertHeader('location', `/fast-stream/admin/rounds/${round.id}/results`)
    response.assertFlashMessage('success', 'Match run: 2 of 3 entrants matched')

    const rows = await PlacementMatch.query().where('round_id', round.id).orderBy('entrant_id')
    assert.lengthOf(rows, 3)
    const byEntrant = new Map(rows.map((row) => [row.entrantId, row]))
    assert.equal(byEntrant.get(bo.id)!.placementId, platform.id)
    assert.equal(byEntrant.get(bo.id)!.choice, 1)
    assert.equal(byEntrant.get(ada.id)!.placementId, research.id)
    assert.equal(byEntrant.get(ada.id)!.choice, 2)
    const cyRow = byEntrant.get(cy.id)!
    assert.isNull(cyRow.placementId)
    assert.isNull(cyRow.choice)
    assert.equal(cyRow.unmatchedCode, 'no_eligible_choice')
    assert.equal(
      cyRow.unmatchedReason,
      'None of the placements the entrant ranked could take them: “Secure systems analyst” needs SC clearance and the entrant holds BPSS.'
    )
    // Exactly the engine's answer.
    for (const match of expected.matches) {
      const row = byEntrant.get(idOfKey(match.entrant))!
      assert.equal(placementKey(row.placementId!), match.placement)
      assert.equal(row.choice, match.choice)
    }
    for (const unmatched of expected.unmatched) {
      assert.equal(byEntrant.get(idOfKey(unmatched.entrant))!.unmatchedCode, unmatched.code)
    }

    await round.refresh()
    assert.equal(round.status, 'matched')
    assert.isNotNull(round.matchedAt)
    assert.equal(matchState(round), 'matched')

    const roundEvent = await AuditEvent.query()
      .where({ subject_type: 'placement_round', subject_id: String(round.id) })
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(roundEvent.actorId, admin.id)
    assert.include(String(roundEvent.after), '"status":"matched"')
    const matchEvent = await AuditEvent.query()
      .where({ subject_type: 'placement_match', action: 'create' })
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(matchEvent.actorId, admin.id)
    assert.include(String(matchEvent.after), '"matched":2')
  })

  test('an entrant kept out of a department they have had a posting in is told its name, not its code', async ({
    client,
    assert,
  }) => {
    const { admin, round, hmrc } = await closedRound()
    hmrc.code = 'hmrc'
    await hmrc.save()
    const taxes = await createPlacement(round, {
      title: 'Tax data analyst',
      team: await createTeam(hmrc, 'Tax data'),
    })
    const { entrant: dee } = await createEntrant({
      name: 'Dee Dee',
      postings: [
        { organisation: hmrc, title: 'Policy', startsOn: '2013-09-02', endsOn: '2014-02-28' },
      ],
    })
    await createShortlist(round, dee, [taxes])
    await runMatch(client, admin, round)
    const row = await PlacementMatch.query()
      .where({ round_id: round.id, entrant_id: dee.id })
      .firstOrFail()
    assert.equal(row.unmatchedCode, 'no_eligible_choice')
    assert.equal(
      row.unmatchedReason,
      'None of the placements the entrant ranked could take them: “Tax data analyst” is in HM Revenue and Customs, where the entrant has already had a posting.'
    )
  })

  test('running it again replaces the unpublished result, hand moves included', async ({
    client,
    assert,
  }) => {
    const { admin, round, platform, ada, bo } = await closedRound()
    await runMatch(client, admin, round)
    const boRow = await PlacementMatch.query()
      .where({ round_id: round.id, entrant_id: bo.id })
      .firstOrFail()
    boRow.merge({
      placementId: null,
      choice: null,
      adjustedBy: admin.id,
      adjustedAt: DateTime.utc(),
    })
    await boRow.save()
    await db.from('placement_rankings').where('placement_id', platform.id).delete()
    await createRanking(platform, [ada, bo])

    const again = await runMatch(client, admin, round)
    again.assertFlashMessage('success', 'Match run: 1 of 3 entrants matched')
    const rows = await PlacementMatch.query().where('round_id', round.id)
    assert.lengthOf(rows, 3)
    assert.isTrue(rows.every((row) => row.adjustedAt === null))
    const byEntrant = new Map(rows.map((row) => [row.entrantId, row]))
    assert.equal(byEntrant.get(ada.id)!.placementId, platform.id)
    assert.isNull(byEntrant.get(bo.id)!.placementId)
    assert.equal(byEntrant.get(bo.id)!.unmatchedCode, 'choices_filled')
  })

  test('a round still open to preferences, or already published, is not matched', async ({
    client,
    assert,
  }) => {
    const open = await closedRound('open')
    const response = await runMatch(client, open.admin, open.round)
    response.assertFlashMessage(
      'error',
      'The round is still open to preferences: close it before running the match'
    )
    assert.lengthOf(await PlacementMatch.query().where('round_id', open.round.id), 0)
    await open.round.refresh()
    assert.equal(open.round.status, 'open')

    const published = await closedRound('published', 'Autumn 2013')
    const refused = await runMatch(client, published.admin, published.round)
    refused.assertFlashMessage('error', 'The round is published: its result can no longer change')
    assert.lengthOf(await PlacementMatch.query().where('round_id', published.round.id), 0)
  })

  test('only the Fast Stream team and capability admins can see, run, download or publish a match', async ({
    client,
    assert,
  }) => {
    const { round } = await closedRound()
    const learner = await createUser({ roles: ['learner'] })
    const teamLead = await createUser({ roles: ['team_lead', 'learner'] })
    const hr = await createUser({ roles: ['department_hr', 'learner'] })
    for (const user of [learner, teamLead, hr]) {
      for (const path of ['results', 'results.csv', 'match-status']) {
        const response = await client
          .get(`/fast-stream/admin/rounds/${round.id}/${path}`)
          .loginAs(user)
        response.assertStatus(403)
      }
      for (const path of ['match', 'publish']) {
        const response = await submitAs(client, user).post(
          `/fast-stream/admin/rounds/${round.id}/${path}`
        )
        response.assertStatus(403)
      }
    }
    assert.lengthOf(await PlacementMatch.query().where('round_id', round.id), 0)

    const capabilityAdmin = await createUser({ roles: ['capability_admin', 'learner'] })
    const allowed = await runMatch(client, capabilityAdmin, round)
    allowed.assertFlashMessage('success', 'Match run: 2 of 3 entrants matched')

    const missing = await client
      .get('/fast-stream/admin/rounds/999999/results')
      .loginAs(capabilityAdmin)
    missing.assertStatus(404)
  })

  test('a large round is matched by a queued job, which stores the same result', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { admin, round, ada, research } = await closedRound()
    const limit = MATCHING_LIMITS.inlineEntrants
    MATCHING_LIMITS.inlineEntrants = 2
    cleanup(() => {
      MATCHING_LIMITS.inlineEntrants = limit
    })

    const page = await client.get(`/fast-stream/admin/rounds/${round.id}/results`).loginAs(admin)
    page.assertTextIncludes('3 entrants have submitted their choices.')
    page.assertTextIncludes('This round is large: the match runs in the background')

    const response = await runMatch(client, admin, round)
    response.assertFlashMessage(
      'success',
      'Matching 3 entrants: this page shows the result when it is ready'
    )
    // The test queue runs the job at once.
    await round.refresh()
    assert.equal(matchState(round), 'matched')
    const adaRow = await PlacementMatch.query()
      .where({ round_id: round.id, entrant_id: ada.id })
      .firstOrFail()
    assert.equal(adaRow.placementId, research.id)

    // The round went through the running state (matched, no time yet), each step audited by the admin.
    const events = await AuditEvent.query()
      .where({ subject_type: 'placement_round', subject_id: String(round.id), action: 'update' })
      .orderBy('id')
    assert.lengthOf(events, 2)
    const afters = events.map((event) => JSON.parse(String(event.after)))
    assert.deepInclude(afters, { status: 'matched', matchedAt: null })
    assert.isTrue(events.every((event) => event.actorId === admin.id))
  })

  test('while a queued match runs the page says so, with a link to check again, and the status says it is working', async ({
    client,
    assert,
  }) => {
    const { admin, round } = await closedRound()
    round.merge({ status: 'matched', matchedAt: null })
    await round.save()

    const page = await client.get(`/fast-stream/admin/rounds/${round.id}/results`).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Matching…')
    page.assertTextIncludes(
      `<a href="/fast-stream/admin/rounds/${round.id}/results">Check again</a>`
    )
    page.assertTextIncludes(`data-url="/fast-stream/admin/rounds/${round.id}/match-status"`)

    const status = await client
      .get(`/fast-stream/admin/rounds/${round.id}/match-status`)
      .loginAs(admin)
    status.assertStatus(200)
    status.assertBody({ state: 'running', working: true, percent: 0 })

    const again = await runMatch(client, admin, round)
    again.assertFlashMessage('error', 'The match is already running: wait for it to finish')
    const publish = await submitAs(client, admin).post(
      `/fast-stream/admin/rounds/${round.id}/publish`
    )
    publish.assertFlashMessage('error', 'The match is still running: publish when it has finished')

    // A match that never finished can be run again.
    await db
      .from('placement_rounds')
      .where('id', round.id)
      .update({ updated_at: DateTime.utc().minus({ hours: 1 }).toFormat('yyyy-MM-dd HH:mm:ss') })
    const stalled = await client.get(`/fast-stream/admin/rounds/${round.id}/results`).loginAs(admin)
    stalled.assertTextIncludes('The match did not finish')
    const rerun = await runMatch(client, admin, round)
    rerun.assertFlashMessage('success', 'Match run: 2 of 3 entrants matched')
    const done = await client
      .get(`/fast-stream/admin/rounds/${round.id}/match-status`)
      .loginAs(admin)
    assert.deepEqual(done.body(), { state: 'matched', working: false, percent: 100 })
  })

  test('a queued match that fails puts the round back as it was', async ({ assert }) => {
    const { admin, round } = await closedRound()
    round.merge({ status: 'matched', matchedAt: null })
    await round.save()
    await abandonMatch(round.id, { status: 'closed', matchedAt: null }, admin.id)
    await round.refresh()
    assert.equal(round.status, 'closed')
    assert.isNull(round.matchedAt)
  })

  test('the results page shows the figures, the table by department and the entrants, filtered', async ({
    client,
    assert,
  }) => {
    const { admin, round } = await closedRound()
    await runMatch(client, admin, round)

    const page = await client.get(`/fast-stream/admin/rounds/${round.id}/results`).loginAs(admin)
    page.assertStatus(200)
    const html = page.text()
    const figure = (label: string, count: number) =>
      assert.match(
        html,
        new RegExp(`>${label}</th><td class="text-right">${count}</td>`),
        `${label}: ${count}`
      )
    figure('Entrants who submitted choices', 3)
    figure('Matched', 2)
    figure('Not matched', 1)
    figure('Given their first choice', 1)
    figure('Given one of their top three choices', 2)
    figure('Places offered', 4)
    figure('Places filled', 2)
    // Every factory entrant started in 2013 with no digital posting: all three need one.
    figure('Entrants needing a digital placement', 3)
    figure('Entrants needing one who got a digital placement', 2)

    assert.match(
      html,
      /Department for Transport<\/th>\s*<td class="text-right">1<\/td>\s*<td class="text-right">1<\/td>\s*<td class="text-right">1<\/td>/
    )
    assert.match(
      html,
      /HM Revenue and Customs<\/th>\s*<td class="text-right">2<\/td>\s*<td class="text-right">3<\/td>\s*<td class="text-right">1<\/td>/
    )
    page.assertTextIncludes('Ada Lovelace')
    page.assertTextIncludes('Cy Twombly')

    const unmatched = await client
      .get(`/fast-stream/admin/rounds/${round.id}/results`)
      .qs({ outcome: 'unmatched' })
      .loginAs(admin)
    unmatched.assertTextIncludes('Cy Twombly')
    assert.notInclude(unmatched.text(), 'Ada Lovelace')
    unmatched.assertTextIncludes('needs SC clearance and the entrant holds BPSS')

    const bad = await client
      .get(`/fast-stream/admin/rounds/${round.id}/results`)
      .qs({ outcome: 'everyone' })
      .loginAs(admin)
      .redirects(0)
    bad.assertStatus(302)
    bad.assertFlashMessage('inputErrorsBag', {
      outcome: ['Show matched, not matched or moved by hand entrants'],
    })
  })

  test('the matches download as CSV', async ({ client, assert }) => {
    const { admin, round, platform } = await closedRound()
    await runMatch(client, admin, round)
    const response = await client
      .get(`/fast-stream/admin/rounds/${round.id}/results.csv`)
      .loginAs(admin)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = response.text().trim().split('\n')
    assert.equal(
      lines[0],
      'Entrant ID,Name,Email,Scheme,Outcome,Placement ID,Placement,Team,Organisation,Location,Digital,Choice,Unmatched code,Unmatched reason,Moved by,Moved at,Moved reason'
    )
    assert.lengthOf(lines, 4)
    const bo = lines.find((line) => line.includes('Bo Diddley'))!
    assert.include(
      bo,
      `,matched,${platform.id},Platform engineer,Vehicle services,Department for Transport,London,yes,1,,,,`
    )
    const cy = lines.find((line) => line.includes('Cy Twombly'))!
    assert.include(cy, ',unmatched,,,,,,,,no_eligible_choice,')
  })
})
