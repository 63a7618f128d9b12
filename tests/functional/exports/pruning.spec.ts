import { mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import Export from '#models/export'
import exportsConfig from '#config/exports'
import { pruneExports } from '#services/exports'
import { privateExports } from '#tests/support/exports'
import { createExport } from '#database/factories/export_factory'

test.group('Exports: pruning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  privateExports(group)

  test('pruning removes expired exports and their files, and keeps the rest', async ({
    assert,
  }) => {
    const user = await createUser()
    await mkdir(exportsConfig.directory, { recursive: true })
    const now = DateTime.now()
    const make = async (fileName: string | null, values: Partial<Export>) => {
      if (fileName) await writeFile(join(exportsConfig.directory, fileName), 'name\n')
      return createExport(user, 'people', { status: 'done', fileName, ...values })
    }
    const expired = await make('old.csv', { expiresAt: now.minus({ hours: 1 }) })
    const current = await make('new.csv', { expiresAt: now.plus({ days: 3 }) })
    const stuck = await make(null, {
      status: 'running',
      createdAt: now.minus({ days: exportsConfig.keepForDays + 1 }),
    })

    assert.equal(await pruneExports(now), 2)
    assert.isNull(await Export.find(expired.id))
    assert.isNull(await Export.find(stuck.id))
    assert.isNotNull(await Export.find(current.id))
    await assert.rejects(() => stat(join(exportsConfig.directory, 'old.csv')))
    const kept = await stat(join(exportsConfig.directory, 'new.csv'))
    assert.isTrue(kept.isFile())
  })
})
