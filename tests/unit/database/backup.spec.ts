import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { backupDatabase, restoreDatabase } from '#services/database_backup'
import { rowCount } from '#tests/support/database'

/*
 * db:backup and db:restore on the test database (SQLite or MySQL, as the
 * run is configured). The whole round trip under load is proved by
 * .ci/backup.sh; here, what they refuse.
 */
let folder: string

test.group('Database backup and restore', (group) => {
  group.each.setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'dcs-backup-test-'))
    return () => rm(folder, { recursive: true, force: true })
  })

  test('a backup of the database is written whole, and only under the name given', async ({
    assert,
  }) => {
    const file = join(folder, 'backup')
    const result = await backupDatabase(file)
    assert.equal(result.type, 'written')
    if (result.type !== 'written') return
    assert.isAbove(result.bytes, 10_000)
    // Nothing else is left in the folder: no partial file, no -wal or -shm beside the copy.
    assert.deepEqual(readdirSync(folder), ['backup'])
    if (result.dialect === 'mysql') {
      assert.include(readFileSync(file, 'utf8'), 'CREATE TABLE `enrolments`')
    } else {
      assert.equal(readFileSync(file).subarray(0, 15).toString(), 'SQLite format 3')
    }
  }).timeout(60_000)

  test('a restore into a database that has tables changes nothing without --force', async ({
    assert,
  }) => {
    const file = join(folder, 'backup')
    await backupDatabase(file)
    const organisations = await rowCount('organisations')
    const result = await restoreDatabase(file)
    assert.equal(result.type, 'not_empty')
    if (result.type === 'not_empty') assert.isAbove(result.tables, 10)
    assert.equal(await rowCount('organisations'), organisations)
  }).timeout(60_000)

  test('a missing, cut-short or foreign file is refused with a message', async ({ assert }) => {
    assert.deepEqual(await restoreDatabase(join(folder, 'nothing')), {
      type: 'failed',
      message: `There is no backup file at ${join(folder, 'nothing')}`,
    })
    const cut = join(folder, 'cut')
    writeFileSync(cut, 'CREATE TABLE `users` (\n')
    const refused = await restoreDatabase(cut)
    assert.equal(refused.type, 'failed')
    if (refused.type === 'failed') assert.include(refused.message, cut)

    const nowhere = await backupDatabase(app.makePath('tmp', 'no-such-folder', 'backup'))
    assert.equal(nowhere.type, 'failed')
    if (nowhere.type === 'failed')
      assert.include(nowhere.message, 'does not exist or is not writable')
  })
})
