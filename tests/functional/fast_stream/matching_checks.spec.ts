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
} from '#database/factories/fast_stream_factory'
import AuditEvent from '#models/audit_event'
import PlacementMatch from '#models/placement_match'
import type PlacementRound from '#models/placement_round'
import { runMatch } from '#actions/fast_stream/matching/run_match'
import { rankedRound } from '#tests/support/fixtures/fast_stream'
import { collapse } from '#tests/support/html'
import { submitAs } from '#tests/support/forms'

/* The ranked round matched: Ann, Ben and Cat placed, Dan not; the Data hub team has a lead. */
async function matchedRound() {
  const fixture = await rankedRound()
  const lead = await createUser({
    roles: ['team_lead', 'learner'],
    overrides: { teamId: fixture.dataHub.teamId, fullName: 'Dara Lead' },
  })
  // A lead of a team nobody joins is not e-mailed.
  const idle = await createPlacement(await createRound({ status: 'closed' }))
  await createUser({ roles: ['team_lead', 'learner'], overrides: { teamId: idle.teamId } })
  await runMatch(fixture.round.id, fixture.admin.id)
  await fixture.round.refresh()
  return { ...fixture, lead }
}

const matchOf = (round: PlacementRound, entrant: { id: number }) =>
  PlacementMatch.query().where({ round_id: round.id, entrant_id: entrant.id }).firstOrFail()

test.group('Fast Stream matching: publishing is confirmed first', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('the confirmation page says what publishing will do: postings, e-mails to entrants and to team leads', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, round } = await matchedRound()
    const base = `/fast-stream/admin/rounds/${round.id}`

    const results = await client.get(`${base}/results`).loginAs(admin)
    results.assertTextIncludes(`<form method="GET" action="${base}/publish">`)
    assert.notInclude(results.text(), `<form method="POST" action="${base}/publish">`)

    const page = await client.get(`${base}/publish`).loginAs(admin)
    page.assertStatus(200)
    const text = collapse(page.text())
    assert.include(text, '<title>Publish the result of Spring 2014')
    assert.include(text, '<h1>Publish the result of Spring 2014</h1>')
    assert.include(
      text,
      'Postings written</dt> <dd class="sm:w-2/3">3 postings in entrants’ histories, each 3 Mar 2014 to 3 Sep 2014</dd>'
    )
    assert.include(
      text,
      'E-mails to entrants</dt> <dd class="sm:w-2/3">4 entrants told their result, matched or not</dd>'
    )
    assert.include(
      text,
      'E-mails to team leads</dt> <dd class="sm:w-2/3">1 team lead told who is joining their team</dd>'
    )
    assert.include(text, 'Publishing cannot be undone')
    assert.include(text, `<form method="POST" action="${base}/publish"`)
    assert.match(text, /<button [^>]*>\s*Publish\s*<\/button>/)
    assert.notInclude(text, 'You cannot publish yet')
    // Reading the page changes nothing.
    await round.refresh()
    assert.equal(round.status, 'matched')
    assert.lengthOf(fake.mails.queued(), 0)

    const published = await submitAs(client, admin).post(`${base}/publish`)
    published.assertFlashMessage(
      'success',
      'Spring 2014 published: 3 postings added, 4 entrants and 1 team lead e-mailed'
    )
    assert.lengthOf(fake.mails.queued(), 5)

    const again = await client.get(`${base}/publish`).loginAs(admin).redirects(0)
    again.assertHeader('location', `${base}/results`)
    again.assertFlashMessage(
      'error',
      'The round is already published: it cannot be published twice'
    )
  })

  test('a round without a result has no confirmation page', async ({ client }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound({ status: 'closed' })
    const base = `/fast-stream/admin/rounds/${round.id}`
    const page = await client.get(`${base}/publish`).loginAs(admin).redirects(0)
    page.assertHeader('location', `${base}/results`)
    page.assertFlashMessage('error', 'Run the match before publishing the round')
    const lead = await createUser({ roles: ['team_lead', 'learner'] })
    const refused = await client.get(`${base}/publish`).loginAs(lead)
    refused.assertStatus(403)
  })
})

test.group('Fast Stream matching: a move by hand needs a reason', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a move without a reason is refused; with one it is shown beside the entrant and audited', async ({
    client,
    assert,
  }) => {
    const { admin, round, serviceDesk, ann } = await matchedRound()
    const annMatch = await matchOf(round, ann)
    const path = `/fast-stream/admin/rounds/${round.id}/matches/${annMatch.id}/move`
    const move = (form: Record<string, string>) => submitAs(client, admin).post(path, form)

    const check = await client
      .get(path)
      .qs({ placement: String(serviceDesk.id) })
      .loginAs(admin)
    check.assertTextIncludes('Why are you moving Ann Archer?')
    check.assertTextIncludes('name="reason"')

    const none = await move({ placement: String(serviceDesk.id) })
    none.assertFlashMessage('inputErrorsBag', { reason: ['Enter why you are moving the entrant'] })
    const short = await move({ placement: String(serviceDesk.id), reason: '  Because  ' })
    short.assertFlashMessage('inputErrorsBag', {
      reason: ['Enter why you are moving the entrant, in 10 characters or more'],
    })
    const long = await move({ placement: String(serviceDesk.id), reason: 'x'.repeat(1001) })
    long.assertFlashMessage('inputErrorsBag', {
      reason: ['The reason must be 1,000 characters or fewer'],
    })
    await annMatch.refresh()
    assert.isNull(annMatch.adjustedAt)

    const reason = 'Service desk needs someone who has worked with users before'
    const moved = await move({ placement: String(serviceDesk.id), reason: `  ${reason}  ` })
    moved.assertFlashMessage('success', 'Ann Archer moved to Service desk')
    await annMatch.refresh()
    assert.equal(annMatch.adjustedReason, reason)
    const event = await AuditEvent.query()
      .where({ subject_type: 'placement_match', subject_id: String(annMatch.id), action: 'update' })
      .firstOrFail()
    assert.equal(event.actorId, admin.id)
    assert.equal(JSON.parse(String(event.after)).adjustedReason, reason)
    assert.isNull(JSON.parse(String(event.before)).adjustedReason)

    const page = await client
      .get(`/fast-stream/admin/rounds/${round.id}/results?outcome=adjusted`)
      .loginAs(admin)
    const row = collapse(page.text())
      .split('<tr>')
      .find((part) => part.includes('Ann Archer'))!
    assert.include(row, 'Moved by hand')
    assert.include(row, `Reason: ${reason}`)

    const csv = await client.get(`/fast-stream/admin/rounds/${round.id}/results.csv`).loginAs(admin)
    const annLine = csv
      .text()
      .split('\n')
      .find((line) => line.includes('Ann Archer'))!
    assert.isTrue(annLine.trim().endsWith(reason), 'the CSV gives the reason')
  })
})

test.group('Fast Stream matching: placements the match could not use', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('placements still waiting for approval when the match runs are named on the results page', async ({
    client,
    assert,
  }) => {
    const { admin, round, policyLab } = await rankedRound()
    const waiting = await createPlacement(round, { title: 'Waiting role', status: 'offered' })
    await createPlacement(round, { title: 'Withdrawn role', status: 'withdrawn' })
    const { entrant: eve } = await createEntrant({ name: 'Eve Early' })
    await createShortlist(round, eve, [waiting, policyLab])
    await runMatch(round.id, admin.id)

    const page = await client.get(`/fast-stream/admin/rounds/${round.id}/results`).loginAs(admin)
    const text = collapse(page.text())
    assert.include(text, '1 placement was still waiting for approval')
    const row = text.split('<tr>').find((part) => part.includes('Waiting role'))!
    assert.include(row, `href="/fast-stream/admin/placements/${waiting.id}"`)
    assert.match(row, /<td class="text-right">1<\/td>/)
    assert.notInclude(text, 'Withdrawn role')
  })

  test('with every placement approved, nothing is named', async ({ client, assert }) => {
    const { admin, round } = await rankedRound()
    await runMatch(round.id, admin.id)
    const page = await client.get(`/fast-stream/admin/rounds/${round.id}/results`).loginAs(admin)
    assert.notInclude(page.text(), 'still waiting for approval')
  })
})
