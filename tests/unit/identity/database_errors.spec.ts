import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { isUniqueViolation, orOnDuplicate } from '#services/database_errors'

const row = (code: string) => ({
  code,
  name: code,
  type: 'agency',
  path: '/',
  depth: 0,
  created_at: new Date(),
  updated_at: new Date(),
})

test.group('Unique-index violations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a duplicate key from this database is recognised', async ({ assert }) => {
    await db.table('organisations').insert(row('dup-check'))
    const error = await db
      .table('organisations')
      .insert(row('dup-check'))
      .then(() => null)
      .catch((caught: unknown) => caught)
    assert.isTrue(isUniqueViolation(error))
  })

  test('other errors are not mistaken for duplicates and are rethrown', async ({ assert }) => {
    assert.isFalse(isUniqueViolation(new Error('connection lost')))
    await assert.rejects(
      () => orOnDuplicate(() => Promise.reject(new Error('boom')), 'dup'),
      'boom'
    )
    assert.equal(await orOnDuplicate(async () => 'saved', 'dup'), 'saved')
  })
})
