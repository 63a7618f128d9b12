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
  createTeam,
} from '#database/factories/fast_stream_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import PlacementShortlist from '#models/placement_shortlist'
import type PlacementRound from '#models/placement_round'
import AuditEvent from '#models/audit_event'

/* An entrant's shortlist in the round: these placements in order, submitted at the given time or not at all. */
async function shortlist(
  round: PlacementRound,
  entrantId: number,
  placementIds: number[],
  submittedAt: DateTime | null
) {
  const list = await PlacementShortlist.create({ roundId: round.id, entrantId, submittedAt })
  for (const [index, placementId] of placementIds.entries()) {
    await db
      .table('placement_preferences')
      .insert({ shortlist_id: list.id, placement_id: placementId, rank: index + 1 })
  }
}

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
  const entrant = async (name: string, options: Parameters<typeof createEntrant>[0] = {}) => {
    const created = await createEntrant({
      user: await createUser({ overrides: { fullName: name } }),
      ...options,
    })
    return created.entrant
  }
  const amy = await entrant('Amy Adams')
  const ben = await entrant('Ben Brown', { clearance: 'BPSS' })
  const cat = await entrant('Cat Clark', { postings: [{ organisation: dwp, title: 'Policy' }] })
  const dan = await entrant('Dan Dodd')
  const eve = await entrant('Eve Evans')
  const fay = await entrant('Fay Fox')
  await shortlist(round, amy.id, [elsewhere.id, placement.id], early)
  await shortlist(round, ben.id, [placement.id], later)
  await shortlist(round, cat.id, [placement.id, elsewhere.id], early)
  await shortlist(round, dan.id, [elsewhere.id, placement.id], early)
  await shortlist(round, eve.id, [placement.id], null)
  await shortlist(round, fay.id, [elsewhere.id], early)
  return { team, lead, otherLead, round, placement, amy, ben, cat, dan, eve, fay }
}

/* An entrant's key in the ranking form. */
const key = (entrant: { id: number }) => `e${entrant.id}`

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
    const response = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants`)
      .loginAs(lead)
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
    assert.include(html, 'Cannot be matched here: Has already had a posting in dwp')
    assert.include(html, '1 posting: dwp')
  })

  test('saving a ranking replaces the team’s order and is audited once with before and after', async ({
    client,
    assert,
  }) => {
    const { lead, placement, amy, ben, cat, dan } = await setUp()
    const url = `/fast-stream/team/placements/${placement.id}/rankings`
    const first = await client
      .put(url)
      .loginAs(lead)
      .withCsrfToken()
      .form({ ranks: { [key(dan)]: '1', [key(ben)]: '4', [key(amy)]: '', [key(cat)]: '' } })
      .redirects(0)
    first.assertHeader('location', `/fast-stream/team/placements/${placement.id}/applicants`)
    first.assertFlashMessage('success', 'Ranking saved: 2 ranked, 2 not ranked')
    const saved = await db
      .from('placement_rankings')
      .where('placement_id', placement.id)
      .orderBy('rank')
      .select('entrant_id', 'rank')
    assert.deepEqual(
      saved.map((row) => [Number(row.entrant_id), Number(row.rank)]),
      [
        [dan.id, 1],
        [ben.id, 2],
      ]
    )
    const page = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants`)
      .loginAs(lead)
    assert.deepEqual(listed(page.text()), ['Dan Dodd', 'Ben Brown', 'Cat Clark', 'Amy Adams'])

    const second = await client
      .put(url)
      .loginAs(lead)
      .withCsrfToken()
      .form({ ranks: { [key(amy)]: '2', [key(cat)]: '1' } })
      .redirects(0)
    second.assertFlashMessage('success', 'Ranking saved: 2 ranked, 2 not ranked')
    const replaced = await db
      .from('placement_rankings')
      .where('placement_id', placement.id)
      .orderBy('rank')
      .select('entrant_id')
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

    const same = await client
      .put(url)
      .loginAs(lead)
      .withCsrfToken()
      .form({ ranks: { [key(amy)]: '2', [key(cat)]: '1' } })
      .redirects(0)
    same.assertFlashMessage('success', 'The ranking has not changed')
    const cleared = await client
      .put(url)
      .loginAs(lead)
      .withCsrfToken()
      .form({ ranks: {} })
      .redirects(0)
    cleared.assertFlashMessage('success', 'Ranking saved: 0 ranked, 4 not ranked')
    assert.lengthOf(await db.from('placement_rankings').where('placement_id', placement.id), 0)
  })

  test('ranks must be whole numbers from 1 to the number of applicants, each used once', async ({
    client,
    assert,
  }) => {
    const { lead, placement, amy, ben, cat, dan } = await setUp()
    const url = `/fast-stream/team/placements/${placement.id}/rankings`
    const response = await client
      .put(url)
      .loginAs(lead)
      .withCsrfToken()
      .form({ ranks: { [key(amy)]: 'first', [key(ben)]: '5', [key(cat)]: '2', [key(dan)]: '2' } })
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      [`ranks.${key(amy)}`]: [
        'Enter Amy Adams’s rank as a whole number, like 1, or leave it blank',
      ],
      [`ranks.${key(ben)}`]: ['Ben Brown’s rank must be between 1 and 4, or blank for not ranked'],
      [`ranks.${key(cat)}`]: [
        'Cat Clark and Dan Dodd both have rank 2: give each applicant a different rank',
      ],
      [`ranks.${key(dan)}`]: [
        'Dan Dodd and Cat Clark both have rank 2: give each applicant a different rank',
      ],
    })
    const more = await client
      .put(url)
      .loginAs(lead)
      .withCsrfToken()
      .form({ ranks: { [key(amy)]: '0', [key(ben)]: '1.5', [key(cat)]: '-1' } })
      .redirects(0)
    more.assertFlashMessage('inputErrorsBag', {
      [`ranks.${key(amy)}`]: ['Amy Adams’s rank must be between 1 and 4, or blank for not ranked'],
      [`ranks.${key(ben)}`]: [
        'Enter Ben Brown’s rank as a whole number, like 1, or leave it blank',
      ],
      [`ranks.${key(cat)}`]: [
        'Enter Cat Clark’s rank as a whole number, like 1, or leave it blank',
      ],
    })
    assert.lengthOf(await db.from('placement_rankings').where('placement_id', placement.id), 0)
  })

  test('the form keeps what was typed and links each message to its field', async ({
    client,
    assert,
  }) => {
    const { lead, placement, amy, ben } = await setUp()
    const applicants = `/fast-stream/team/placements/${placement.id}/applicants`
    const response = await client
      .put(`/fast-stream/team/placements/${placement.id}/rankings`)
      .loginAs(lead)
      .withCsrfToken()
      .header('referer', applicants)
      .form({ ranks: { [key(amy)]: 'first', [key(ben)]: '1' } })
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
    const page = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants`)
      .loginAs(lead)
    page.assertTextIncludes('The round has been matched: the ranking can no longer change.')
    assert.notInclude(page.text(), 'Save ranking')
    const response = await client
      .put(`/fast-stream/team/placements/${placement.id}/rankings`)
      .loginAs(lead)
      .withCsrfToken()
      .form({ ranks: { [key(amy)]: '1' } })
      .redirects(0)
    response.assertFlashMessage(
      'error',
      'The round has been matched: the ranking can no longer change'
    )
    assert.lengthOf(await db.from('placement_rankings').where('placement_id', placement.id), 0)
  })

  test('a closed round can still be ranked', async ({ client, assert }) => {
    const { lead, placement, amy } = await setUp('closed')
    const response = await client
      .put(`/fast-stream/team/placements/${placement.id}/rankings`)
      .loginAs(lead)
      .withCsrfToken()
      .form({ ranks: { [key(amy)]: '1' } })
      .redirects(0)
    response.assertFlashMessage('success', 'Ranking saved: 1 ranked, 3 not ranked')
    assert.lengthOf(await db.from('placement_rankings').where('placement_id', placement.id), 1)
  })

  test('another team’s lead can neither see nor rank the applicants; the Fast Stream team can', async ({
    client,
    assert,
  }) => {
    const { otherLead, placement, amy } = await setUp()
    const page = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants`)
      .loginAs(otherLead)
    page.assertStatus(403)
    const response = await client
      .put(`/fast-stream/team/placements/${placement.id}/rankings`)
      .loginAs(otherLead)
      .withCsrfToken()
      .form({ ranks: { [key(amy)]: '1' } })
    response.assertStatus(403)
    const learner = await createUser({ roles: ['learner'] })
    const refused = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants`)
      .loginAs(learner)
    refused.assertStatus(403)
    assert.lengthOf(await db.from('placement_rankings').where('placement_id', placement.id), 0)
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const adminPage = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants`)
      .loginAs(admin)
    adminPage.assertStatus(200)
  })
})
