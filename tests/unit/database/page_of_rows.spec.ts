import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createSkill } from '#database/factories/framework_factory'
import { pageOfRows } from '#queries/paging'
import { queriesRunBy } from '#tests/support/query_count'

const skillsNamed = (term: string) =>
  db
    .from('skills')
    .whereRaw('lower(name) like ?', [`${term}%`])
    .select('id', 'name')
    .orderBy('name')

test.group('A page of plain rows', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('has the rows and the figures Lucid’s paginate gives, on every page and past the end', async ({
    assert,
  }) => {
    for (const letter of ['a', 'b', 'c', 'd', 'e']) await createSkill(`Paged skill ${letter}`)
    for (const page of [1, 2, 3, 4]) {
      const lucid = await skillsNamed('paged skill').paginate(page, 2)
      const read = await pageOfRows(skillsNamed('paged skill'), page, 2)
      assert.deepEqual(read.getMeta(), lucid.getMeta(), `page ${page}`)
      assert.deepEqual(
        read.all().map((row) => row.name),
        lucid.all().map((row) => row.name),
        `page ${page}`
      )
    }
  })

  test('counts the list in the page’s own query, and again only for a page past the end', async ({
    assert,
  }) => {
    for (const letter of ['a', 'b', 'c']) await createSkill(`Counted skill ${letter}`)
    const first = await queriesRunBy(() => pageOfRows(skillsNamed('counted skill'), 1, 2))
    assert.lengthOf(first.statements, 1)
    assert.equal(first.result.getMeta().total, 3)
    const beyond = await queriesRunBy(() => pageOfRows(skillsNamed('counted skill'), 5, 2))
    assert.lengthOf(beyond.statements, 2)
    assert.equal(beyond.result.getMeta().total, 3)
    const none = await queriesRunBy(() => pageOfRows(skillsNamed('no such skill'), 1, 2))
    assert.lengthOf(none.statements, 1)
    assert.equal(none.result.getMeta().total, 0)
  })
})
