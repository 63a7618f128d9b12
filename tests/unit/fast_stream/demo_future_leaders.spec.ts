import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { BRITISH_FIRST_NAMES, BRITISH_SURNAMES } from '#database/demo/british_names'
import { digitalRuleCounts } from '#queries/fast_stream/digital_rule_query'
import { isDigitallyDelivered } from '#domain/workforce/digitally_delivered'
import { gradeValues } from '#enums/grades'

test.group('Demo Future Leaders Scheme', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('middle managers with British names, placements in digitally delivered services of their team’s department, and Future Leaders in every state', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const schemes = await db.from('fast_stream_schemes').where('programme', 'future_leaders')
    assert.lengthOf(schemes, 1)

    const people = await db
      .from('fast_stream_entrants as e')
      .join('users as u', 'u.id', 'e.user_id')
      .leftJoin('users as m', 'm.id', 'u.line_manager_id')
      .where('e.scheme_id', schemes[0].id)
      .select('u.full_name', 'u.grade', 'u.organisation_id', 'm.grade as manager_grade')
      .select('m.organisation_id as manager_organisation_id')
    assert.lengthOf(people, 12)
    for (const person of people) {
      const [first, surname] = String(person.full_name).split(' ')
      assert.isTrue(BRITISH_FIRST_NAMES.has(first), `${person.full_name}: a British first name`)
      assert.isTrue(BRITISH_SURNAMES.has(surname), `${person.full_name}: a British surname`)
      assert.include(['G7', 'G6'], person.grade, `${person.full_name} is a middle manager`)
      const rank = (grade: string) => gradeValues.indexOf(grade as (typeof gradeValues)[number])
      assert.equal(person.manager_organisation_id, person.organisation_id)
      assert.isAbove(
        rank(person.manager_grade),
        rank(person.grade),
        `${person.full_name}’s line manager is senior to them`
      )
    }

    // Every Future Leaders placement names a digitally delivered service of its team's department.
    const placements = await db
      .from('placements as p')
      .join('placement_rounds as r', 'r.id', 'p.round_id')
      .join('services as s', 's.id', 'p.service_id')
      .join('organisations as so', 'so.id', 's.organisation_id')
      .join('organisations as po', 'po.id', 'p.organisation_id')
      .where('r.programme', 'future_leaders')
      .select(
        'p.is_digital',
        's.phase',
        's.has_digital_channel',
        'so.id as sid',
        'so.path as spath'
      )
      .select('po.id as pid', 'po.path as ppath')
    const unlinked = await db
      .from('placements as p')
      .join('placement_rounds as r', 'r.id', 'p.round_id')
      .where('r.programme', 'future_leaders')
      .whereNull('p.service_id')
      .count('* as total')
      .first()
    assert.equal(Number(unlinked.total), 0)
    assert.isAtLeast(placements.length, 6)
    const department = (id: unknown, path: unknown) =>
      String(path).split('/').filter(Boolean).map(Number)[0] ?? Number(id)
    for (const placement of placements) {
      assert.isTrue(Boolean(placement.is_digital))
      assert.isTrue(
        isDigitallyDelivered({
          phase: placement.phase,
          hasDigitalChannel: Boolean(placement.has_digital_channel),
        })
      )
      assert.equal(
        department(placement.sid, placement.spath),
        department(placement.pid, placement.ppath)
      )
    }

    // One published round matched by the engine, one open; participants in each state of the rule.
    const rounds = await db
      .from('placement_rounds')
      .where('programme', 'future_leaders')
      .orderBy('id')
      .select('status')
    assert.deepEqual(
      rounds.map((round) => round.status),
      ['published', 'open']
    )
    const counts = await digitalRuleCounts({ programme: 'future_leaders' })
    assert.equal(counts.entrants, 12)
    for (const state of ['met', 'on_track', 'at_risk', 'missed'] as const) {
      assert.isAbove(counts[state], 0, `some Future Leaders are ${state}`)
    }

    // Running the seeder again adds nothing.
    await new DemoSeeder(db.connection()).run()
    const again = await db
      .from('fast_stream_schemes')
      .where('programme', 'future_leaders')
      .count('* as total')
      .first()
    assert.equal(Number(again.total), 1)
  }).timeout(60_000)
})
