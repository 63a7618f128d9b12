import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import FastStreamPosting from '#models/fast_stream_posting'
import FastStreamScheme from '#models/fast_stream_scheme'
import AuditEvent from '#models/audit_event'
import type PlacementRound from '#models/placement_round'
import { runMatch } from '#actions/fast_stream/matching/run_match'
import { serviceUrl } from '#mails/learning_mail'
import FastStreamMatched from '#mails/fast_stream_matched'
import FastStreamNotMatched from '#mails/fast_stream_not_matched'
import FastStreamTeamArrivals from '#mails/fast_stream_team_arrivals'
import { submitAs } from '#tests/support/forms'

/*
 * A matched round: Ama and Kofi are matched to the Vehicle services team's
 * two placements, Lin to her first choice in another team; Zed asked for a
 * placement needing SC clearance he does not hold.
 */
async function matchedRound() {
  const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
  const vehicles = await createTeam(dft, 'Vehicle services')
  const tax = await createTeam(hmrc, 'Tax platform')
  const vehiclesLead = await createUser({
    roles: ['team_lead', 'learner'],
    organisation: dft,
    overrides: { teamId: vehicles.id, fullName: 'Vera Lead' },
  })
  const vehiclesMember = await createUser({
    roles: ['learner'],
    organisation: dft,
    overrides: { teamId: vehicles.id },
  })
  const taxLead = await createUser({
    roles: ['team_lead', 'learner'],
    organisation: hmrc,
    overrides: { teamId: tax.id, fullName: 'Tom Lead' },
  })
  const round = await createRound({
    status: 'closed',
    name: 'Spring 2014',
    postingStartsOn: '2014-03-03',
    postingEndsOn: '2014-09-03',
  })
  const platform = await createPlacement(round, {
    title: 'Platform engineer',
    team: vehicles,
    capacity: 2,
    startsOn: '2014-03-03',
    location: 'Swansea',
  })
  const research = await createPlacement(round, {
    title: 'User researcher',
    team: tax,
    digital: false,
    startsOn: '2014-04-07',
  })
  const secure = await createPlacement(round, {
    title: 'Secure systems analyst',
    team: tax,
    clearanceRequired: 'SC',
  })
  const { entrant: ama } = await createEntrant({ name: 'Ama Owusu' })
  const { entrant: kofi } = await createEntrant({ name: 'Kofi Mensah' })
  // Lin joined recently: the digital rule does not bind her yet.
  const { entrant: lin } = await createEntrant({
    name: 'Lin Wei',
    startedOn: DateTime.now().toISODate()!,
  })
  const { entrant: zed } = await createEntrant({ name: 'Zed Adams', clearance: 'BPSS' })
  await createShortlist(round, ama, [platform])
  await createShortlist(round, kofi, [platform, research])
  await createShortlist(round, lin, [research])
  await createShortlist(round, zed, [secure])
  await runMatch(round.id, admin.id)
  await round.refresh()
  return {
    admin,
    round,
    platform,
    research,
    vehicles,
    tax,
    vehiclesLead,
    vehiclesMember,
    taxLead,
    ama,
    kofi,
    lin,
    zed,
  }
}

async function publish(client: any, admin: any, round: PlacementRound) {
  return submitAs(client, admin).post(`/fast-stream/admin/rounds/${round.id}/publish`)
}

test.group('Fast Stream matching: publishing a round', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('publishing adds postings in the round’s posting window for matched entrants, marks the round published, audited', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { admin, round, platform, research, vehicles, ama, kofi, lin, zed } = await matchedRound()
    const response = await publish(client, admin, round)
    response.assertStatus(302)
    response.assertHeader('location', `/fast-stream/admin/rounds/${round.id}/results`)
    response.assertFlashMessage(
      'success',
      'Spring 2014 published: 3 postings added, 4 entrants and 2 team leads e-mailed'
    )

    const postings = await FastStreamPosting.query()
      .whereIn('entrant_id', [ama.id, kofi.id, lin.id, zed.id])
      .orderBy('entrant_id')
    assert.lengthOf(postings, 3)
    const amaPosting = postings.find((posting) => posting.entrantId === ama.id)!
    assert.equal(amaPosting.placementId, platform.id)
    assert.equal(amaPosting.organisationId, vehicles.organisationId)
    assert.equal(amaPosting.teamId, vehicles.id)
    assert.equal(amaPosting.teamName, 'Vehicle services')
    assert.equal(amaPosting.title, 'Platform engineer')
    assert.equal(amaPosting.startsOn.toISODate(), '2014-03-03')
    assert.equal(amaPosting.endsOn?.toISODate(), '2014-09-03')
    assert.isTrue(Boolean(amaPosting.isDigital))
    const linPosting = postings.find((posting) => posting.entrantId === lin.id)!
    assert.equal(linPosting.placementId, research.id)
    assert.isFalse(Boolean(linPosting.isDigital))
    // Her placement starts on 7 April, but every posting of the round runs in its window.
    assert.equal(linPosting.startsOn.toISODate(), '2014-03-03')
    assert.equal(linPosting.endsOn?.toISODate(), '2014-09-03')
    assert.isUndefined(postings.find((posting) => posting.entrantId === zed.id))

    await round.refresh()
    assert.equal(round.status, 'published')
    assert.isNotNull(round.publishedAt)
    const event = await AuditEvent.query()
      .where({ subject_type: 'fast_stream_posting', action: 'create' })
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(event.actorId, admin.id)
    assert.deepEqual(JSON.parse(String(event.after)), { roundId: round.id, postings: 3 })

    // The figures are those of the match, not changed by the new postings.
    const page = await client.get(`/fast-stream/admin/rounds/${round.id}/results`).loginAs(admin)
    page.assertTextIncludes('Published')
    assert.match(
      page.text(),
      />Entrants needing a digital placement<\/th><td class="text-right">3<\/td>/
    )
    assert.match(
      page.text(),
      />Entrants needing one who got a digital placement<\/th><td class="text-right">2<\/td>/
    )
    assert.notInclude(page.text(), 'Publish the result')
    assert.notInclude(page.text(), '/move"')
  })

  test('each entrant is e-mailed their result, and each team lead the entrants joining their team', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, round, vehiclesLead, vehiclesMember, taxLead, ama, kofi, zed } =
      await matchedRound()
    await publish(client, admin, round)

    const queued = fake.mails.queued()
    assert.lengthOf(queued, 6)
    const matched = queued.filter(
      (sent): sent is FastStreamMatched => sent instanceof FastStreamMatched
    )
    assert.lengthOf(matched, 3)
    const amaMail = matched.find((sent) => sent.context.entrant.name === 'Ama Owusu')!
    const amaUser = await ama.related('user').query().firstOrFail()
    amaMail.message.assertTo(amaUser.email, 'Ama Owusu')
    amaMail.message.assertSubject('Your Fast Stream placement: Platform engineer')
    amaMail.message.assertTextIncludes(
      'You are matched to Platform engineer with Vehicle services, Department for Transport.'
    )
    amaMail.message.assertTextIncludes('It was your first choice.')
    amaMail.message.assertTextIncludes('Starts: Monday 3 March 2014')
    amaMail.message.assertTextIncludes('Location: Swansea')
    amaMail.message.assertTextIncludes('Digital placement: Yes')
    amaMail.message.assertTextIncludes(serviceUrl('/fast-stream/my-placement'))
    amaMail.message.assertHtmlIncludes('<h1>You have a Fast Stream placement</h1>')

    const kofiUser = await kofi.related('user').query().firstOrFail()
    const kofiMail = matched.find((sent) => sent.context.entrant.email === kofiUser.email)!
    kofiMail.message.assertSubject('Your Fast Stream placement: Platform engineer')

    const notMatched = queued.filter(
      (sent): sent is FastStreamNotMatched => sent instanceof FastStreamNotMatched
    )
    assert.lengthOf(notMatched, 1)
    const zedUser = await zed.related('user').query().firstOrFail()
    notMatched[0].message.assertTo(zedUser.email, 'Zed Adams')
    notMatched[0].message.assertSubject('Your Fast Stream placement result: Spring 2014')
    notMatched[0].message.assertTextIncludes(
      'None of the placements you ranked could take you: the round’s rules kept you out of them, or their teams did not rank you.'
    )

    const arrivals = queued.filter(
      (sent): sent is FastStreamTeamArrivals => sent instanceof FastStreamTeamArrivals
    )
    assert.sameMembers(
      arrivals.map((sent) => sent.context.teamLead.email),
      [vehiclesLead.email, taxLead.email]
    )
    assert.notInclude(
      queued.map((sent) => (sent as FastStreamTeamArrivals).context.teamLead?.email),
      vehiclesMember.email
    )
    const vera = arrivals.find((sent) => sent.context.teamLead.email === vehiclesLead.email)!
    vera.message.assertTo(vehiclesLead.email, 'Vera Lead')
    vera.message.assertSubject('Fast Stream entrants joining Vehicle services')
    vera.message.assertTextIncludes('2 Fast Stream entrants will join Vehicle services')
    const scheme = await FastStreamScheme.findOrFail(ama.schemeId)
    vera.message.assertTextIncludes(
      `- Ama Owusu (${scheme.name}): Platform engineer, from Monday 3 March 2014`
    )
    vera.message.assertTextIncludes('Kofi Mensah (')
    const tom = arrivals.find((sent) => sent.context.teamLead.email === taxLead.email)!
    tom.message.assertTextIncludes('1 Fast Stream entrant will join Tax platform')
    tom.message.assertTextIncludes('Lin Wei (')
  })

  test('publishing twice is refused and changes nothing', async ({ client, assert }) => {
    const fake = mail.fake()
    const { admin, round, ama } = await matchedRound()
    await publish(client, admin, round)
    const sent = fake.mails.queued().length
    fake.mails.clear()

    const again = await publish(client, admin, round)
    again.assertFlashMessage(
      'error',
      'The round is already published: it cannot be published twice'
    )
    assert.lengthOf(fake.mails.queued(), 0)
    assert.equal(sent, 6)
    assert.lengthOf(await FastStreamPosting.query().where('entrant_id', ama.id), 1)

    const rerun = await submitAs(client, admin).post(`/fast-stream/admin/rounds/${round.id}/match`)
    rerun.assertFlashMessage('error', 'The round is published: its result can no longer change')
  })

  test('a round that has not been matched cannot be published', async ({ client, assert }) => {
    const fake = mail.fake()
    const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
    const round = await createRound({ status: 'closed' })
    const response = await publish(client, admin, round)
    response.assertFlashMessage('error', 'Run the match before publishing the round')
    await round.refresh()
    assert.equal(round.status, 'closed')
    assert.lengthOf(fake.mails.queued(), 0)
  })
})

test.group('Fast Stream matching: the entrant’s result', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('before publication the entrant is told when results come; after, their placement and history', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { admin, round, ama } = await matchedRound()
    const amaUser = await ama.related('user').query().firstOrFail()
    const day = round.resultsAt.setZone('Europe/London').toFormat('d LLL yyyy')

    const before = await client.get('/fast-stream/my-placement').loginAs(amaUser)
    before.assertStatus(200)
    before.assertTextIncludes('<h1>Your placement</h1>')
    before.assertTextIncludes(`<strong>Spring 2014:</strong> results are published on ${day}.`)
    before.assertTextIncludes('You have no postings recorded yet.')
    assert.notInclude(before.text(), 'Platform engineer')

    await publish(client, admin, round)
    const after = await client.get('/fast-stream/my-placement').loginAs(amaUser)
    after.assertTextIncludes('Result of Spring 2014')
    after.assertTextIncludes(
      'You are matched to <strong>Platform engineer</strong>, your choice number 1.'
    )
    after.assertTextIncludes('Vehicle services')
    after.assertTextIncludes('Swansea')
    after.assertTextIncludes('3 Mar 2014')
    after.assertTextIncludes('3 Sep 2014')
    assert.notInclude(after.text(), 'results are published on')
  })

  test('an unmatched entrant is told why; people who are not entrants are refused', async ({
    client,
  }) => {
    mail.fake()
    const { admin, round, zed, vehiclesLead } = await matchedRound()
    await publish(client, admin, round)
    const zedUser = await zed.related('user').query().firstOrFail()
    const page = await client.get('/fast-stream/my-placement').loginAs(zedUser)
    page.assertTextIncludes('You have not been matched to a placement in this round.')
    page.assertTextIncludes('None of the placements you ranked could take you')

    const refused = await client.get('/fast-stream/my-placement').loginAs(vehiclesLead)
    refused.assertStatus(403)
    const nobody = await createUser()
    const nobodys = await client.get('/fast-stream/my-placement').loginAs(nobody)
    nobodys.assertStatus(403)
  })
})
