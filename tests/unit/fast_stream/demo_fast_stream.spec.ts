import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import PlacementRound from '#models/placement_round'
import { BRITISH_FIRST_NAMES, BRITISH_SURNAMES } from '#database/demo/british_names'
import { countOf, rowCount } from '#tests/support/database'

/* Counts of the Fast Stream's own demo records; the Future Leaders Scheme's are checked on their own. */
const fastStream = {
  schemes: () => countOf(db.from('fast_stream_schemes').where('programme', 'fast_stream')),
  entrants: () =>
    db
      .from('fast_stream_entrants as e')
      .join('fast_stream_schemes as sc', 'sc.id', 'e.scheme_id')
      .where('sc.programme', 'fast_stream'),
  cohorts: () =>
    countOf(
      db
        .from('fast_stream_cohorts as co')
        .whereExists((query) =>
          query
            .from('fast_stream_entrants as e')
            .join('fast_stream_schemes as sc', 'sc.id', 'e.scheme_id')
            .whereColumn('e.cohort_id', 'co.id')
            .where('sc.programme', 'fast_stream')
        )
    ),
}

test.group('Demo Fast Stream data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('two cohorts of entrants, a published round matched within capacity and an open round taking preferences', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    assert.equal(await fastStream.schemes(), 4)
    assert.equal(await fastStream.cohorts(), 2)
    assert.equal(await countOf(fastStream.entrants()), 120)
    const entrant = await db.from('users').where('email', 'entrant001@demo.example').first()
    assert.exists(entrant, 'named entrant accounts exist')

    const rounds = await PlacementRound.query().where('programme', 'fast_stream').orderBy('id')
    assert.deepEqual(
      rounds.map((round) => round.status),
      ['published', 'open']
    )
    assert.isTrue(rounds[1].preferencesOpen(), 'the open round takes preferences now')

    const placements = await db
      .from('placements')
      .select('round_id', 'status', 'is_digital', 'organisation_id', 'capacity', 'id')
    assert.isAtLeast(placements.length, 55)
    const digital = placements.filter((placement) => Boolean(placement.is_digital)).length
    assert.isAbove(digital / placements.length, 0.7, 'most placements are digital')
    assert.isAtLeast(new Set(placements.map((placement) => placement.organisation_id)).size, 8)
    assert.includeMembers(
      [...new Set(placements.filter((p) => p.round_id === rounds[1].id).map((p) => p.status))],
      ['approved', 'offered', 'rejected', 'withdrawn']
    )

    // The published round: within capacity, everyone matched to a placement on their own list, postings added.
    const filled = await db
      .from('placement_matches')
      .where('round_id', rounds[0].id)
      .whereNotNull('placement_id')
      .groupBy('placement_id')
      .select('placement_id')
      .count('* as taken')
    const capacity = new Map(
      placements.map((placement) => [placement.id, Number(placement.capacity)])
    )
    for (const row of filled) assert.isAtMost(Number(row.taken), capacity.get(row.placement_id)!)
    const offList = await countOf(
      db
        .from('placement_matches as m')
        .where('m.round_id', rounds[0].id)
        .whereNotNull('m.placement_id')
        .whereNotExists((query) => {
          query
            .from('placement_preferences as pp')
            .join('placement_shortlists as s', 's.id', 'pp.shortlist_id')
            .whereColumn('s.entrant_id', 'm.entrant_id')
            .whereColumn('pp.placement_id', 'm.placement_id')
        })
    )
    assert.equal(offList, 0)
    const matched = filled.reduce((sum, row) => sum + Number(row.taken), 0)
    assert.isAbove(matched, 60)
    const postings = await countOf(
      db
        .from('fast_stream_postings as po')
        .join('placements as p', 'p.id', 'po.placement_id')
        .where('p.round_id', rounds[0].id)
    )
    assert.equal(postings, matched)
    const unmatched = await countOf(
      db
        .from('placement_matches')
        .where('round_id', rounds[0].id)
        .whereNull('placement_id')
        .whereNull('unmatched_reason')
    )
    assert.equal(unmatched, 0, 'every unmatched entrant has a reason')

    // The open round: lists submitted and in draft, and teams' rankings.
    const lists = await db
      .from('placement_shortlists')
      .where('round_id', rounds[1].id)
      .select(db.raw('count(submitted_at) as submitted'), db.raw('count(*) as total'))
      .first()
    assert.isAbove(Number(lists.submitted), 0)
    assert.isAbove(Number(lists.total), Number(lists.submitted))
    assert.isAbove(await rowCount('placement_rankings'), 0)

    // Running the seeder again adds nothing.
    await new DemoSeeder(db.connection()).run()
    assert.equal(await countOf(fastStream.entrants()), 120)
    assert.equal(await countOf(db.from('placement_rounds').where('programme', 'fast_stream')), 2)
  }).timeout(60_000)

  test('Fast Stream entrants have British names, as the demo’s staff do', async ({ assert }) => {
    await new DemoSeeder(db.connection()).run()
    const entrants = await db
      .from('users')
      .join('fast_stream_entrants', 'fast_stream_entrants.user_id', 'users.id')
      .join('fast_stream_schemes', 'fast_stream_schemes.id', 'fast_stream_entrants.scheme_id')
      .where('fast_stream_schemes.programme', 'fast_stream')
      .select('users.full_name')
    assert.lengthOf(entrants, 120)
    const notBritish = entrants
      .map((row) => String(row.full_name))
      .filter((name) => {
        const [first, ...rest] = name.split(' ')
        const surnames = rest.join(' ').split('-')
        return (
          rest.length === 0 ||
          !BRITISH_FIRST_NAMES.has(first) ||
          !surnames.every((surname) => BRITISH_SURNAMES.has(surname))
        )
      })
    assert.deepEqual(notBritish, [], 'every entrant has a first name and surname from the list')
    assert.isAbove(new Set(entrants.map((row) => row.full_name)).size, 100, 'names vary')
  }).timeout(60_000)
})
