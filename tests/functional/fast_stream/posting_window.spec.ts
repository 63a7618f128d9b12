import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createShortlist,
  createTeam,
  createTeamLead,
} from '#database/factories/fast_stream_factory'
import FastStreamPosting from '#models/fast_stream_posting'
import PlacementMatch from '#models/placement_match'
import PlacementRound from '#models/placement_round'
import Placement from '#models/placement'
import { apiAs, bearer } from '#tests/support/api'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import {
  dateParts,
  dateShown,
  FORM_DATES,
  submitWithDatesAs,
  withDateParts,
} from '#tests/support/date_input'
import { roundForm } from '#tests/support/fixtures/fast_stream_round'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

const CLASH =
  'posting “Private secretary” (1 Dec 2013 to 1 May 2014) overlaps this round’s postings (1 Mar 2014 to 1 Sep 2014)'
const OVERLAP_REASON = `their ${CLASH}`

/*
 * A closed round whose postings run from 1 March to 1 September 2014, with
 * two placements. Ama and Olly chose Data hub, Ben chose Policy lab. Olly
 * is on a private office posting until 1 May 2014: it overlaps the round's
 * postings.
 */
async function closedRound() {
  const admin = await createUser({
    roles: ['fast_stream_admin', 'learner'],
    overrides: { fullName: 'Fiona Stream' },
  })
  const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
  const round = await createRound({
    status: 'closed',
    name: 'Spring 2014',
    postingStartsOn: '2014-03-01',
    postingEndsOn: '2014-09-01',
  })
  const dataHub = await createPlacement(round, {
    title: 'Data hub',
    team: await createTeam(hmrc, 'Data team'),
    capacity: 2,
  })
  const policyLab = await createPlacement(round, {
    title: 'Policy lab',
    team: await createTeam(hmrc, 'Policy team'),
  })
  const { entrant: ama } = await createEntrant({ name: 'Ama Owusu' })
  const { entrant: ben } = await createEntrant({ name: 'Ben Baker' })
  const { entrant: olly } = await createEntrant({
    name: 'Olly Overlap',
    postings: [
      {
        organisation: hmrc,
        title: 'Private secretary',
        startsOn: '2013-12-01',
        endsOn: '2014-05-01',
      },
    ],
  })
  await createShortlist(round, ama, [dataHub])
  await createShortlist(round, ben, [policyLab])
  await createShortlist(round, olly, [dataHub])
  return { admin, hmrc, round, dataHub, policyLab, ama, ben, olly }
}

async function runMatch(client: any, admin: any, round: PlacementRound) {
  const response = await submitAs(client, admin).post(`/fast-stream/admin/rounds/${round.id}/match`)
  await round.refresh()
  return response
}

const matchOf = (round: PlacementRound, entrant: { id: number }) =>
  PlacementMatch.query().where({ round_id: round.id, entrant_id: entrant.id }).firstOrFail()

test.group('Fast Stream: a round’s posting window', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a round is saved with its posting window, shown on its page and in the API', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const response = await submitAs(client, admin).post('/fast-stream/admin/rounds', roundForm())
    response.assertStatus(302)
    const round = await PlacementRound.findByOrFail('name', 'Autumn 2026')
    assert.equal(round.postingStartsOn?.toISODate(), '2026-09-01')
    assert.equal(round.postingEndsOn?.toISODate(), '2027-03-01')
    const page = await client.get(`/fast-stream/admin/rounds/${round.id}`).loginAs(admin)
    page.assertTextIncludes('1 Sep 2026 to 1 Mar 2027')
    const edit = await client.get(`/fast-stream/admin/rounds/${round.id}/edit`).loginAs(admin)
    assert.deepEqual(dateShown(edit.text(), 'postingStartsOn'), dateParts('2026-09-01'))
    assert.deepEqual(dateShown(edit.text(), 'postingEndsOn'), dateParts('2027-03-01'))

    const api = await apiAs(client, await bearer(admin)).get(`/api/v1/rounds/${round.id}/match`)
    api.assertStatus(200)
    assert.deepEqual(api.body().data.postingWindow, {
      startsOn: '2026-09-01',
      endsOn: '2027-03-01',
    })
  })

  test('the posting window’s dates each get a specific message', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const post = (extra: Record<string, unknown>) =>
      submitAs(client, admin).post('/fast-stream/admin/rounds', roundForm(extra))

    const empty = await post({ postingStartsOn: '', postingEndsOn: '' })
    empty.assertFlashMessage('inputErrorsBag', {
      postingStartsOn: ['Enter the date the round’s postings start'],
      postingEndsOn: ['Enter the date the round’s postings end'],
    })
    const unreal = await post({ postingStartsOn: '2026-09-31', postingEndsOn: 'March' })
    unreal.assertFlashMessage('inputErrorsBag', {
      postingStartsOn: ['The date postings start must be a real date'],
      postingEndsOn: ['The date postings end must include a month and a year'],
    })
    const far = await post({ postingStartsOn: '1999-12-01', postingEndsOn: '2099-01-01' })
    const farErrors = far.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(
      farErrors.postingStartsOn[0],
      /^The date postings start must be between 1 January 2000 and \d{1,2} \w+ \d{4}$/
    )
    assert.match(
      farErrors.postingEndsOn[0],
      /^The date postings end must be between 1 January 2000 and \d{1,2} \w+ \d{4}$/
    )
    for (const [extra, field, message] of [
      [
        { postingStartsOn: '2026-07-13' },
        'postingStartsOn',
        'Postings must start after the day this round’s results are published',
      ],
      [
        { postingEndsOn: '2026-09-01' },
        'postingEndsOn',
        'Postings must end after the day they start',
      ],
      [
        { postingEndsOn: '2027-09-02' },
        'postingEndsOn',
        'Postings must end within 12 months of the day they start',
      ],
    ] as const) {
      const response = await post(extra)
      response.assertFlashMessage('inputErrorsBag', { [field]: [message] })
    }
    assert.isNull(await PlacementRound.findBy('name', 'Autumn 2026'))
    // Twelve months to the day is allowed.
    const longest = await post({ postingEndsOn: '2027-09-01' })
    longest.assertFlashMessage('success', 'Round added: Autumn 2026')
  })

  test('a round’s window cannot leave out the start of a placement offered in it', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound({
      name: 'Autumn 2026',
      postingStartsOn: '2026-09-01',
      postingEndsOn: '2027-03-01',
    })
    await createPlacement(round, { title: 'Data engineer', startsOn: '2026-09-01' })
    await createPlacement(round, {
      title: 'Withdrawn role',
      startsOn: '2026-09-01',
      status: 'withdrawn',
    })
    const response = await client
      .put(`/fast-stream/admin/rounds/${round.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .header('referer', `/fast-stream/admin/rounds/${round.id}/edit`)
      .form(
        withDateParts(
          roundForm({ postingStartsOn: '2026-10-01', postingEndsOn: '2027-04-01' }),
          FORM_DATES
        )
      )
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      postingStartsOn: [
        '1 placement of this round starts outside these dates, such as “Data engineer” on 1 Sep 2026: choose dates that include its start',
      ],
    })
    await round.refresh()
    assert.equal(round.postingStartsOn?.toISODate(), '2026-09-01')
  })

  test('a team’s placement must start within the round’s posting window', async ({
    client,
    assert,
  }) => {
    const team = await createTeam(undefined, 'Vehicle tax')
    const lead = await createTeamLead(team)
    const round = await createRound({ name: 'Open round' })
    const skill = await createSkill('User research', 'User-centred design')
    const window = `${round.postingStartsOn!.toFormat('d LLL yyyy')} and before ${round.postingEndsOn!.toFormat('d LLL yyyy')}`
    const offer = (startsOn: string) =>
      submitAs(client, lead).post('/fast-stream/team/placements', {
        roundId: String(round.id),
        title: 'Junior product manager',
        description: 'Work with the vehicle tax team on a live service used by millions.',
        location: 'Swansea',
        skillIds: [String(skill.id)],
        clearanceRequired: 'SC',
        isDigital: 'yes',
        capacity: '2',
        startsOn,
      })
    const late = await offer(round.postingEndsOn!.toISODate()!)
    late.assertFlashMessage('inputErrorsBag', {
      startsOn: [`The placement must start within the round’s postings: on or after ${window}`],
    })
    assert.isNull(await Placement.findBy('title', 'Junior product manager'))
    const inside = await offer(round.postingEndsOn!.minus({ days: 1 }).toISODate()!)
    inside.assertStatus(302)
    assert.exists(await Placement.findBy('title', 'Junior product manager'))
  })

  test('the match leaves out an entrant whose posting overlaps the round’s, and says why', async ({
    client,
    assert,
  }) => {
    const { admin, round, dataHub, ama, olly } = await closedRound()
    const response = await runMatch(client, admin, round)
    response.assertFlashMessage('success', 'Match run: 2 of 3 entrants matched')
    const amaMatch = await matchOf(round, ama)
    assert.equal(amaMatch.placementId, dataHub.id)
    const left = await matchOf(round, olly)
    assert.isNull(left.placementId)
    assert.equal(left.unmatchedCode, 'posting_overlap')
    assert.equal(left.unmatchedReason, `Left out of the match: ${OVERLAP_REASON}.`)

    const page = await client
      .get(`/fast-stream/admin/rounds/${round.id}/results?outcome=unmatched`)
      .loginAs(admin)
    page.assertTextIncludes('Olly Overlap')
    page.assertTextIncludes(`Left out of the match: ${OVERLAP_REASON}.`)

    const api = await apiAs(client, await bearer(admin)).get(
      `/api/v1/rounds/${round.id}/matches?outcome=unmatched`
    )
    api.assertStatus(200)
    assert.deepEqual(api.body().data[0].unmatched, {
      code: 'posting_overlap',
      reason: `Left out of the match: ${OVERLAP_REASON}.`,
    })
  })

  test('moving an entrant by hand into a placement is refused when their posting overlaps the round’s', async ({
    client,
    assert,
  }) => {
    const { admin, round, policyLab, olly } = await closedRound()
    await runMatch(client, admin, round)
    const match = await matchOf(round, olly)
    const path = `/fast-stream/admin/rounds/${round.id}/matches/${match.id}/move`
    const message = `Select no placement: Olly Overlap’s ${CLASH}`

    const check = await client
      .get(path)
      .qs({ placement: String(policyLab.id) })
      .loginAs(admin)
    check.assertStatus(200)
    check.assertTextIncludes('<title>Error: Move Olly Overlap')
    check.assertTextIncludes(message)
    assert.notInclude(check.text(), 'Confirm the move')

    const posted = await submitAs(client, admin).post(path, {
      placement: String(policyLab.id),
      reason: 'The team asked for her by name',
    })
    posted.assertFlashMessage('inputErrorsBag', { placement: [message] })
    await match.refresh()
    assert.isNull(match.placementId)
    assert.isNull(match.adjustedAt)
  })

  test('publishing is refused while a matched entrant’s posting overlaps the round’s; once moved, postings take the window’s dates', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, hmrc, round, dataHub, ama, ben } = await closedRound()
    await runMatch(client, admin, round)
    // After the match, a secondment of Ama's is recorded that runs into the round's postings.
    await FastStreamPosting.create({
      entrantId: ama.id,
      organisationId: hmrc.id,
      title: 'Secondment',
      startsOn: DateTime.fromISO('2014-02-01'),
      endsOn: DateTime.fromISO('2014-04-01'),
      isDigital: false,
    })
    const publishPath = `/fast-stream/admin/rounds/${round.id}/publish`

    const confirmation = await client.get(publishPath).loginAs(admin)
    confirmation.assertStatus(200)
    confirmation.assertTextIncludes('You cannot publish yet')
    confirmation.assertTextIncludes('Ama Owusu')
    confirmation.assertTextIncludes('Secondment, 1 Feb 2014 to 1 Apr 2014')
    assert.notInclude(confirmation.text(), `action="${publishPath}"`)

    const refused = await submitAs(client, admin).post(publishPath)
    refused.assertHeader('location', publishPath)
    refused.assertFlashMessage(
      'error',
      'Not published: 1 matched entrant has a posting that would overlap this round’s. Move them to no placement first'
    )
    await round.refresh()
    assert.equal(round.status, 'matched')
    assert.lengthOf(await FastStreamPosting.query().whereNotNull('placement_id'), 0)
    assert.lengthOf(fake.mails.queued(), 0)

    const amaMatch = await matchOf(round, ama)
    await client
      .post(`/fast-stream/admin/rounds/${round.id}/matches/${amaMatch.id}/move`)
      .loginAs(admin)
      .withCsrfToken()
      .form({ placement: 'none', reason: 'Her secondment runs into these postings' })
    const published = await submitAs(client, admin).post(publishPath)
    published.assertFlashMessage(
      'success',
      'Spring 2014 published: 1 posting added, 3 entrants and 0 team leads e-mailed'
    )
    const postings = await FastStreamPosting.query().whereNotNull('placement_id')
    assert.lengthOf(postings, 1)
    assert.equal(postings[0].entrantId, ben.id)
    assert.equal(postings[0].startsOn.toISODate(), '2014-03-01')
    assert.equal(postings[0].endsOn?.toISODate(), '2014-09-01')
    assert.notEqual(postings[0].placementId, dataHub.id)
  })
})
