import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import Export from '#models/export'
import exportsConfig from '#config/exports'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { assertAccessibleWithoutJavaScript } from '#tests/support/accessibility'
import { createExport } from '#database/factories/export_factory'

/* Department HR with four people in their department. */
async function department() {
  const organisation = await OrganisationFactory.merge({ name: 'Department for Exports' }).create()
  const hr = await createUser({
    roles: ['department_hr'],
    organisation,
    overrides: { fullName: 'Hana Reed' },
  })
  for (const fullName of ['Ava One', 'Ben Two', 'Cy Three']) {
    await createUser({ organisation, overrides: { fullName } })
  }
  return { organisation, hr }
}

test.group('Exports, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    const saved = { ...exportsConfig }
    exportsConfig.jobThreshold = 2
    exportsConfig.directory = join(process.cwd(), 'tmp', `exports-browser-${process.pid}`)
    return async () => {
      await rm(exportsConfig.directory, { recursive: true, force: true })
      Object.assign(exportsConfig, saved)
    }
  })

  test('a large export shows its progress, then a link to download the file', async ({
    browserContext,
    assert,
  }) => {
    const { hr } = await department()
    await browserContext.loginAs(hr)
    const page = await browserContext.newPage()

    // An export still being written: the bar moves as the job counts rows.
    const running = await createExport(hr, 'people', {
      status: 'running',
      rowsDone: 1,
      rowsTotal: 4,
    })
    await page.goto(`/exports/${running.id}`)
    await page.assertTextContains('h1', 'Export of people')
    const progress = page.getByRole('progressbar', { name: 'Progress' })
    assert.equal(await progress.getAttribute('value'), '25')
    assert.isFalse(
      await page.getByRole('link', { name: 'Check progress again' }).isVisible(),
      'with JavaScript the page updates by itself'
    )
    await page.assertAccessible()
    await page.waitForResponse((response) => response.url().endsWith('/progress'))
    running.merge({ rowsDone: 3 })
    await running.save()
    await page.waitForFunction(
      () => document.querySelector('progress')?.getAttribute('value') === '75',
      undefined,
      { timeout: 15_000 }
    )
    running.merge({ status: 'done', rowsDone: 4, fileName: 'missing.csv' })
    await running.save()
    await page
      .getByRole('link', { name: 'Download the CSV file of people' })
      .waitFor({ timeout: 15_000 })
    assert.equal(await progress.count(), 0)
    await page.assertAccessible()

    // Asking for a large export from the people list: the job writes the file.
    await page.goto('/admin/users')
    await page.getByRole('link', { name: 'Download CSV of the people found' }).click()
    await page.waitForURL(/\/exports\/\d+$/)
    const record = await Export.query().where('user_id', hr.id).orderBy('id', 'desc').firstOrFail()
    await page.assertPath(`/exports/${record.id}`)
    await page.assertTextContains('main', 'The file is ready: 4 rows.')
    await page.assertAccessible()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the CSV file of people' }).click(),
    ])
    const text = await readFile((await download.path())!, 'utf8')
    assert.deepEqual(
      text
        .trim()
        .split('\n')
        .map((line) => line.split(',')[0]),
      ['Name', 'Ava One', 'Ben Two', 'Cy Three', 'Hana Reed']
    )

    await page.getByRole('link', { name: 'Your exports' }).click()
    await page.assertPath('/exports')
    await page.assertTextContains('caption', 'Your 20 most recent exports')
    await page.assertAccessible()
  })

  test('without JavaScript, the export page offers to check progress again', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { hr } = await department()
    const record = await createExport(hr, 'audit', {
      filters: { action: 'create' },
      rowsTotal: 12000,
    })
    const url = `/exports/${record.id}`
    const withoutScript = await pageWithoutJavaScriptFor(browser, hr, cleanup)
    await withoutScript.goto(url)
    await withoutScript.assertTextContains('h1', 'Export of audit trail')
    await withoutScript.assertTextContains('main', '12,000 rows to write')
    assert.equal(
      await withoutScript.getByRole('progressbar', { name: 'Progress' }).getAttribute('value'),
      '0'
    )
    const again = withoutScript.getByRole('link', { name: 'Check progress again' })
    assert.isTrue(await again.isVisible(), 'the noscript link is shown')
    await assertAccessibleWithoutJavaScript(browser, withoutScript)

    record.merge({
      status: 'failed',
      error: 'Something went wrong while the file was being written. Nothing was saved.',
    })
    await record.save()
    await again.click()
    await withoutScript.assertPath(url)
    await withoutScript.assertTextContains('[role=alert]', 'The export did not finish')
    await assertAccessibleWithoutJavaScript(browser, withoutScript)
  })
})
