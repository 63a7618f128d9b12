import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createRole } from '#database/factories/framework_factory'
import { roleProfilePage, skillPage } from '#queries/framework/framework_api_query'
import { queriesRunBy } from '#tests/support/query_count'

test.group('Reading the framework for the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a page of role profiles is read with families and levels in two queries', async ({
    assert,
  }) => {
    for (const name of ['Reads role A', 'Reads role B', 'Reads role C']) {
      await createRole({
        role: name,
        levels: [
          { name: 'Junior', needs: {}, typicalGrades: ['EO', 'HEO'] },
          { name: 'Senior', needs: {} },
        ],
      })
    }
    const { result, statements } = await queriesRunBy(() =>
      roleProfilePage({ page: 1, perPage: 2, q: 'reads role' })
    )
    assert.lengthOf(statements, 2)
    assert.equal(result.page.getMeta().total, 3)
    assert.deepEqual(
      result.profiles.map((profile) => [
        profile.name,
        profile.roleFamily.name,
        profile.roleLevels.map((level) => [level.name, level.typicalGrades]),
      ]),
      ['Reads role A', 'Reads role B'].map((name) => [
        name,
        'Product and delivery',
        [
          ['Junior', ['EO', 'HEO']],
          ['Senior', []],
        ],
      ])
    )
  })

  test('a page of skills is read with their level descriptors in two queries', async ({
    assert,
  }) => {
    await createRole({ levels: [{ name: 'Junior', needs: { 'Reads skill A': 2 } }] })
    await createRole({ levels: [{ name: 'Junior', needs: { 'Reads skill B': 3 } }] })
    const { result, statements } = await queriesRunBy(() =>
      skillPage({ page: 1, perPage: 25, q: 'reads skill' })
    )
    assert.lengthOf(statements, 2)
    assert.equal(result.page.getMeta().total, 2)
    assert.deepEqual(
      result.skills.map((skill) => skill.name),
      ['Reads skill A', 'Reads skill B']
    )
  })
})
