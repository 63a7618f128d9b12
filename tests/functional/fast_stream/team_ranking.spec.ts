import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
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
} from '#database/factories/fast_stream_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import type Placement from '#models/placement'
import type User from '#models/user'
import AuditEvent from '#models/audit_event'

/*
 * A team's placement with five applicants and two others who do not
 * count: one whose list is not submitted, one who chose another placement.
 */
async function setUp(roundStatus: 'open' | 'closed' | 'matched' = 'open') {
  const dwp = await OrganisationFactory.merge({ code: 'dwp', name: 'Work and Pensions' }).create()
  const team = await createTeam(dwp, 'Universal Credit')
  const lead = await createUser({
    roles: ['team_lead'],
    organisation: dwp,
    overrides: { teamId: team.id },
  })
  const otherTeam = await createTeam()
  const otherLead = await createUser({ roles: ['team_lead'], overrides: { teamId: otherTeam.id } })
  const round = await createRound({ status: roundStatus })
  const placement = await createPlacement(round, {
    team,
    title: 'Service designer',
    clearanceRequired: 'CTC',
    capacity: 2,
  })
  const elsewhere = await createPlacement(round, { team: otherTeam })
  const early = DateTime.fromISO('2026-05-01T09:00:00Z')
  const later = DateTime.fromISO('2026-05-02T09:00:00Z')
  const { entrant: amy } = await createEntrant({ name: 'Amy Adams' })
  const { entrant: ben } = await createEntrant({ name: 'Ben Brown', clearance: 'BPSS' })
  const { entrant: cat } = await createEntrant({
    name: 'Cat Clark',
    postings: [{ organisation: dwp, title: 'Policy' }],
  })
  const { entrant: dan } = await createEntrant({ name: 'Dan Dodd' })
  const { entrant: eve } = await createEntrant({ name: 'Eve Evans' })
  const { entrant: fay } = await createEntrant({ name: 'Fay Fox' })
  await createShortlist(round, amy, [elsewhere, placement], early)
  await createShortlist(round, ben, [placement], later)
  await createShortlist(round, cat, [placement, elsewhere], early)
  await createShortlist(round, dan, [elsewhere, placement], early)
  await createShortlist(round, eve, [placement], null)
  await createShortlist(round, fay, [elsewhere], early)
  return { team, lead, otherLead, round, placement, amy, ben, cat, dan, eve, fay }
}

/* An entrant's key in the ranking form. */
const key = (entrant: { id: number }) => `e${entrant.id}`

/* The placement's applicants page, as the user sees it. */
function applicantsPage(client: ApiClient, user: User, placement: Placement) {
  return client.get(`/fast-stream/team/placements/${placement.id}/applicants`).loginAs(user)
}

/* The team lead's ranking form for the placement, sent with these ranks (blank: not ranked). */
function sendRanks(
  client: ApiClient,
  user: User,
  placement: Placement,
  ranks: Record<string, string>
) {
  return client
    .put(`/fast-stream/team/placements/${placement.id}/rankings`)
    .loginAs(user)
    .withCsrfToken()
    .form({ ranks })
}

/* The placement's saved ranking rows, best first. */
function savedRanks(placement: Placement) {
  return db
    .from('placement_rankings')
    .where('placement_id', placement.id)
    .orderBy('rank')
    .select('entrant_id', 'rank')
}

/* The applicants' names in the order the page lists them. */
function listed(html: string) {
  return [...html.matchAll(/<span class="font-bold">([^<]+)<\/span>/g)].map((match) => match[1])
}

test.group('Fast Stream team leads: applicants and ranking', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('applicants are those with a submitted list, unranked in the stated order', async ({
    client,
    assert,
  }) => {
    const { lead, placement } = await setUp()
    const response = await applicantsPage(client, lead, placement)
    response.assertStatus(200)
    const html = response.text()
    // First choices first (Cat submitted before Ben), then second choices
    // submitted at the same time, by entrant number (Amy before Dan).
    assert.deepEqual(listed(html), ['Cat Clark', 'Ben Brown', 'Amy Adams', 'Dan Dodd'])
    assert.notInclude(html, 'Eve Evans')
    assert.notInclude(html, 'Fay Fox')
    assert.include(html, '4 applicants</strong>: 0 ranked by your team, 4 not ranked')
    assert.include(html, '2nd choice')
    assert.include(html, 'Cannot be matched here: Holds BPSS clearance; this placement needs CTC')
    assert.include(html, 'Cannot be matched here: Has already had a posting in Work and Pensions')
    assert.include(html, '1 posting: Work and Pensions')
    assert.notInclude(html, 'dwp')
  })

  test('saving a ranking replaces the team’s order and is audited once with before and after', async ({
    client,
    assert,
  }) => {
    const { lead, placement, amy, ben, cat, dan } = await setUp()
    const first = await sendRanks(client, lead, placement, {
      [key(dan)]: '1',
      [key(ben)]: '4',
      [key(amy)]: '',
      [key(cat)]: '',
    }).redirects(0)
    first.assertHeader('location', `/fast-stream/team/placements/${placement.id}/applicants`)
    first.assertFlashMessage('success', 'Ranking saved: 2 ranked, 2 not ranked')
    const saved = await savedRanks(placement)
    assert.deepEqual(
      saved.map((row) => [Number(row.entrant_id), Number(row.rank)]),
      [
        [dan.id, 1],
        [ben.id, 2],
      ]
    )
    const page = await applicantsPage(client, lead, placement)
    assert.deepEqual(listed(page.text()), ['Dan Dodd', 'Ben Brown', 'Cat Clark', 'Amy Adams'])

    const second = await sendRanks(client, lead, placement, {
      [key(amy)]: '2',
      [key(cat)]: '1',
    }).redirects(0)
    second.assertFlashMessage('success', 'Ranking saved: 2 ranked, 2 not ranked')
    const replaced = await savedRanks(placement)
    assert.deepEqual(
      replaced.map((row) => Number(row.entrant_id)),
      [cat.id, amy.id]
    )
    const events = await AuditEvent.query()
      .where({ subject_type: 'placement', subject_id: String(placement.id), action: 'update' })
      .orderBy('id')
    assert.lengthOf(events, 2)
    assert.deepEqual(events[1].beforeValues, { ranking: [dan.id, ben.id] })
    assert.deepEqual(events[1].afterValues, { ranking: [cat.id, amy.id] })
    assert.equal(events[1].actorId, lead.id)

    const same = await sendRanks(client, lead, placement, {
      [key(amy)]: '2',
      [key(cat)]: '1',
    }).redirects(0)
    same.assertFlashMessage('success', 'The ranking has not changed')
    const cleared = await sendRanks(client, lead, placement, {}).redirects(0)
    cleared.assertFlashMessage('success', 'Ranking saved: 0 ranked, 4 not ranked')
    assert.lengthOf(await savedRanks(placement), 0)
  })

  test('ranks must be whole numbers from 1 to the number of applicants, each used once', async ({
    client,
    assert,
  }) => {
    const { lead, placement, amy, ben, cat, dan } = await setUp()
    const response = await sendRanks(client, lead, placement, {
      [key(amy)]: 'first',
      [key(ben)]: '5',
      [key(cat)]: '2',
      [key(dan)]: '2',
    }).redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      [`ranks.${key(amy)}`]: [
        'Enter Amy Adams’s rank as a whole number, like 1, or leave it blank',
      ],
      [`ranks.${key(ben)}`]: ['Ben Brown’s rank must be between 1 and 4, or blank for not ranked'],
      [`ranks.${key(dan)}`]: [
        'Cat Clark and Dan Dodd both have rank 2: give each applicant a different rank',
      ],
    })
    const more = await sendRanks(client, lead, placement, {
      [key(amy)]: '0',
      [key(ben)]: '1.5',
      [key(cat)]: '-1',
    }).redirects(0)
    more.assertFlashMessage('inputErrorsBag', {
      [`ranks.${key(amy)}`]: ['Amy Adams’s rank must be between 1 and 4, or blank for not ranked'],
      [`ranks.${key(ben)}`]: [
        'Enter Ben Brown’s rank as a whole number, like 1, or leave it blank',
      ],
      [`ranks.${key(cat)}`]: [
        'Enter Cat Clark’s rank as a whole number, like 1, or leave it blank',
      ],
    })
    assert.lengthOf(await savedRanks(placement), 0)
  })

  test('applicants sharing a rank are named in one message, on the first who repeats it', async ({
    client,
    assert,
  }) => {
    const { lead, placement, amy, ben, cat, dan } = await setUp()
    const response = await sendRanks(client, lead, placement, {
      [key(amy)]: '1',
      [key(ben)]: '1',
      [key(cat)]: '1',
      [key(dan)]: '2',
    }).redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      [`ranks.${key(ben)}`]: [
        'Cat Clark, Ben Brown and Amy Adams all have rank 1: give each applicant a different rank',
      ],
    })
    assert.lengthOf(await savedRanks(placement), 0)
  })

  test('the form keeps what was typed and links each message to its field', async ({
    client,
    assert,
  }) => {
    const { lead, placement, amy, ben } = await setUp()
    const applicants = `/fast-stream/team/placements/${placement.id}/applicants`
    const response = await sendRanks(client, lead, placement, {
      [key(amy)]: 'first',
      [key(ben)]: '1',
    }).header('referer', applicants)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<title>Error: Applicants for Service designer')
    assert.include(html, `href="#field-ranks-${key(amy)}"`)
    assert.include(html, `id="field-ranks-${key(amy)}-error"`)
    assert.match(html, new RegExp(`id="field-ranks-${key(amy)}"[^>]*value="first"`))
    assert.match(html, new RegExp(`id="field-ranks-${key(ben)}"[^>]*value="1"`))
  })

  test('a matched round’s ranking can no longer change and its page has no form', async ({
    client,
    assert,
  }) => {
    const { lead, placement, amy } = await setUp('matched')
    const page = await applicantsPage(client, lead, placement)
    page.assertTextIncludes('The round has been matched: the ranking can no longer change.')
    assert.notInclude(page.text(), 'Save ranking')
    const response = await sendRanks(client, lead, placement, { [key(amy)]: '1' }).redirects(0)
    response.assertFlashMessage(
      'error',
      'The round has been matched: the ranking can no longer change'
    )
    assert.lengthOf(await savedRanks(placement), 0)
  })

  test('a closed round can still be ranked', async ({ client, assert }) => {
    const { lead, placement, amy } = await setUp('closed')
    const response = await sendRanks(client, lead, placement, { [key(amy)]: '1' }).redirects(0)
    response.assertFlashMessage('success', 'Ranking saved: 1 ranked, 3 not ranked')
    assert.lengthOf(await savedRanks(placement), 1)
  })

  test('another team’s lead can neither see nor rank the applicants; the Fast Stream team can', async ({
    client,
    assert,
  }) => {
    const { otherLead, placement, amy } = await setUp()
    const page = await applicantsPage(client, otherLead, placement)
    page.assertStatus(403)
    const response = await sendRanks(client, otherLead, placement, { [key(amy)]: '1' })
    response.assertStatus(403)
    const learner = await createUser({ roles: ['learner'] })
    const refused = await applicantsPage(client, learner, placement)
    refused.assertStatus(403)
    assert.lengthOf(await savedRanks(placement), 0)
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const adminPage = await applicantsPage(client, admin, placement)
    adminPage.assertStatus(200)
  })
})
