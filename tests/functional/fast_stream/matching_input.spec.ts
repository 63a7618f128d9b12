import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRanking,
  createRound,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import { buildRoundInput, entrantKey, placementKey } from '#queries/fast_stream/round_input_query'
import { matchRound, validateRoundInput } from '#domain/fast_stream/matching_engine'

test.group('Fast Stream matching: the round from the database', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only entrants who submitted their shortlist take part, each with the approved placements they ranked, in order', async ({
    assert,
  }) => {
    const round = await createRound({ status: 'closed' })
    const first = await createPlacement(round, { title: 'Platform engineer' })
    const second = await createPlacement(round, { title: 'User researcher' })
    const withdrawn = await createPlacement(round, { status: 'withdrawn' })
    const offered = await createPlacement(round, { status: 'offered' })
    const otherRound = await createRound({ status: 'closed' })
    const elsewhere = await createPlacement(otherRound)

    const { entrant: submitted } = await createEntrant()
    const { entrant: draft } = await createEntrant()
    const { entrant: empty } = await createEntrant()
    await createShortlist(round, submitted, [second, withdrawn, first, offered])
    await createShortlist(round, draft, [first], null)
    await createShortlist(round, empty, [withdrawn])
    await createShortlist(otherRound, draft, [elsewhere])

    const input = await buildRoundInput(round)
    assert.deepEqual(
      input.entrants.map((entrant) => entrant.id),
      [entrantKey(submitted.id), entrantKey(empty.id)]
    )
    assert.deepEqual(input.entrants[0].preferences, [
      placementKey(second.id),
      placementKey(first.id),
    ])
    assert.deepEqual(input.entrants[1].preferences, [])
    assert.deepEqual(
      input.placements.map((placement) => placement.id),
      [placementKey(first.id), placementKey(second.id)]
    )
    assert.isTrue(validateRoundInput(JSON.parse(JSON.stringify(input))).ok)
  })

  test('a team’s ranking comes first, then its unranked applicants by the rank they gave the placement, when they submitted, and their id', async ({
    assert,
  }) => {
    const round = await createRound({ status: 'closed' })
    const placement = await createPlacement(round, { capacity: 2 })
    const other = await createPlacement(round)
    const other2 = await createPlacement(round)
    const start = DateTime.fromISO('2014-01-10T09:00:00Z')
    const e: FastStreamEntrant[] = []
    for (let i = 0; i < 7; i++) {
      const { entrant } = await createEntrant()
      e.push(entrant)
    }
    // e0 chose it second, submitting first; e1 first, submitting last;
    // e2 and e3 first, at the same time; e4 and e5 are ranked by the team.
    await createShortlist(round, e[0], [other, placement], start)
    await createShortlist(round, e[1], [placement], start.plus({ hours: 2 }))
    await createShortlist(round, e[3], [placement], start.plus({ hours: 1 }))
    await createShortlist(round, e[2], [placement], start.plus({ hours: 1 }))
    await createShortlist(round, e[4], [other, other2, placement], start.plus({ hours: 3 }))
    await createShortlist(round, e[5], [placement], start.plus({ hours: 4 }))
    // e6 did not choose the placement: the team's ranking of them does not count.
    await createShortlist(round, e[6], [other], start)
    await createRanking(placement, [e[5], e[6], e[4]])

    const input = await buildRoundInput(round)
    const ranked = input.placements.find((item) => item.id === placementKey(placement.id))!
    assert.deepEqual(
      ranked.preferences,
      [e[5], e[4], e[2], e[3], e[1], e[0]].map((entrant) => entrantKey(entrant.id))
    )
    const unranked = input.placements.find((item) => item.id === placementKey(other.id))!
    assert.deepEqual(
      unranked.preferences,
      [e[0], e[6], e[4]].map((entrant) => entrantKey(entrant.id))
    )

    // The engine fills the two places in that order.
    const result = matchRound(input)
    const taken = result.matches
      .filter((match) => match.placement === placementKey(placement.id))
      .map((match) => match.entrant)
      .sort()
    assert.deepEqual(taken, [entrantKey(e[5].id), entrantKey(e[2].id)].sort())
  })

  test('clearance, earlier departments, the digital rule and the round’s rules reach the engine', async ({
    assert,
  }) => {
    const hmrc = await OrganisationFactory.merge({
      code: 'HMRC',
      name: 'HM Revenue and Customs',
    }).create()
    const voa = await createChildOrganisation(hmrc, {
      code: 'VOA',
      name: 'Valuation Office Agency',
    })
    const dft = await OrganisationFactory.merge({
      code: 'DfT',
      name: 'Department for Transport',
    }).create()
    const dvla = await createChildOrganisation(dft, { code: 'DVLA', name: 'DVLA' })
    const round = await createRound({ status: 'closed' })
    round.merge({ excludePreviousDepartments: false, enforceDigital: true })
    await round.save()
    const placement = await createPlacement(round, {
      team: await createTeam(dvla),
      clearanceRequired: 'SC',
      digital: false,
      capacity: 3,
    })
    const { entrant: needing } = await createEntrant({
      clearance: 'CTC',
      startedOn: '2012-09-01',
      postings: [{ organisation: voa, digital: false }],
    })
    const { entrant: done } = await createEntrant({
      clearance: 'DV',
      startedOn: '2012-09-01',
      postings: [{ organisation: dft, digital: true }],
    })
    await createShortlist(round, needing, [placement])
    await createShortlist(round, done, [placement])

    const input = await buildRoundInput(round)
    assert.deepEqual(input.rules, {
      excludePreviousDepartments: false,
      enforceDigital: true,
      participant: { one: 'entrant', many: 'entrants' },
    })
    assert.deepEqual(input.placements, [
      {
        id: placementKey(placement.id),
        capacity: 3,
        department: 'DfT',
        clearanceRequired: 'SC',
        digital: false,
        preferences: [entrantKey(needing.id), entrantKey(done.id)],
      },
    ])
    assert.deepEqual(input.entrants, [
      {
        id: entrantKey(needing.id),
        preferences: [placementKey(placement.id)],
        clearance: 'CTC',
        previousDepartments: ['HMRC'],
        needsDigital: true,
      },
      {
        id: entrantKey(done.id),
        preferences: [placementKey(placement.id)],
        clearance: 'DV',
        previousDepartments: ['DfT'],
        needsDigital: false,
      },
    ])
    // Only the entrant with DV clearance and a digital posting behind them can take it.
    const result = matchRound(input)
    assert.deepEqual(result.matches, [
      { entrant: entrantKey(done.id), placement: placementKey(placement.id), choice: 1 },
    ])
    assert.equal(result.unmatched[0].code, 'no_eligible_choice')
  })
})
