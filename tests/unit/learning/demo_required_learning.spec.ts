import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { OrganisationScope } from '#services/organisation_scope'
import {
  complianceCounts,
  findRequirementInScope,
  type LoadedRequirement,
} from '#queries/learning/required_learning_query'
import { REQUIREMENT_STATE_ORDER } from '#domain/learning/required_learning'

test.group('Demo required learning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the senior officials’ training and the Service Manager programme are required, with people in every state', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const everyone = new OrganisationScope(true, [])
    const rows = await db.from('course_requirements').orderBy('id').select('id', 'audience_kind')
    assert.deepEqual(
      rows.map((row) => row.audience_kind),
      ['grade', 'role_profile', 'organisation', 'people']
    )
    const seen = new Set<string>()
    for (const row of rows) {
      const requirement = (await findRequirementInScope(everyone, row.id)) as LoadedRequirement
      const counts = await complianceCounts(requirement, everyone)
      assert.isAbove(counts.total, 0, `requirement ${row.id} has people`)
      for (const state of REQUIREMENT_STATE_ORDER) if (counts[state] > 0) seen.add(state)
    }
    assert.sameMembers([...seen], REQUIREMENT_STATE_ORDER)

    // Run again, the demo adds nothing.
    await new DemoSeeder(db.connection()).run()
    const [{ total }] = await db.from('course_requirements').count('* as total')
    assert.equal(Number(total), 4)
  }).timeout(120_000)
})
