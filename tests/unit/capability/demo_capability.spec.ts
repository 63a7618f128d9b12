import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { seedDemoCapability } from '#database/demo/capability'

test.group('Demo capability data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('gives everyone one current role level near their grade, and does nothing a second time', async ({
    assert,
  }) => {
    const { levels } = await createRole({
      role: 'Delivery manager',
      levels: [
        {
          name: 'Associate delivery manager',
          needs: { 'Agile working': 2 },
          typicalGrades: ['HEO'],
        },
        { name: 'Delivery manager', needs: { 'Agile working': 3 }, typicalGrades: ['SEO'] },
      ],
    })
    const organisation = await OrganisationFactory.create()
    const manager = await createUser({
      organisation,
      overrides: { grade: 'SEO', profession: 'policy' },
    })
    const people = [manager]
    for (let i = 0; i < 12; i++) {
      people.push(
        await createUser({
          organisation,
          overrides: { grade: 'HEO', profession: 'policy', lineManagerId: manager.id },
        })
      )
    }

    const summary = await seedDemoCapability(db.connection(), { now: DateTime.now() })
    assert.isNotNull(summary)
    assert.equal(summary!.currentRoles, people.length)

    const current = await db
      .from('role_assignments')
      .where('active_kind', 'current')
      .select('user_id', 'role_level_id')
    assert.lengthOf(current, people.length)
    const byUser = new Map(current.map((row) => [Number(row.user_id), Number(row.role_level_id)]))
    assert.equal(byUser.get(manager.id), levels[1].id)
    assert.equal(byUser.get(people[1].id), levels[0].id)

    const self = await db.from('skill_assessments').where('source', 'self').count('* as total')
    assert.equal(Number(self[0].total), summary!.selfAssessments)
    assert.isAbove(summary!.selfAssessments, 0)

    const again = await seedDemoCapability(db.connection(), { now: DateTime.now() })
    assert.isNull(again)
    const after = await db.from('role_assignments').count('* as total')
    assert.equal(Number(after[0].total), summary!.currentRoles + summary!.targetRoles)
  })
})
