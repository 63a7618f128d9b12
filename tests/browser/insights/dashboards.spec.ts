import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { learningFixture } from '#tests/support/fixtures/insights'
import { DateTime } from 'luxon'
import { takeSnapshots } from '#actions/insights/take_snapshots'
import { financialYearOf } from '#queries/insights/period'
import { financialYearLabel } from '#enums/workforce'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { bodyRows } from '#tests/support/page_text'

/*
 * Script errors and Content Security Policy refusals on the page. The
 * browser's own request for a favicon, which the service does not serve,
 * is no fault of the page; nor is the test-time Vite client failing to
 * open its live-reload socket (development tooling, absent in production),
 * whether it says so on the console or as an unhandled rejection.
 */
const VITE_SOCKET_NOISE =
  /^\[vite\] failed to connect to websocket|^WebSocket (connection to 'ws:\/\/localhost:\d+\/\?token=|closed without opened)/

function watchErrors(page: Page) {
  const errors: string[] = []
  const missing = new Set<string>()
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      missing.add(response.url())
      errors.push(`${response.status()} ${response.url()}`)
    }
  })
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    if (message.text().startsWith('Failed to load resource') && missing.size === 0) return
    if (VITE_SOCKET_NOISE.test(message.text())) return
    errors.push(message.text())
  })
  page.on('pageerror', (error) => {
    if (!VITE_SOCKET_NOISE.test(error.message)) errors.push(error.message)
  })
  return errors
}

/* Waits until every chart placeholder on the page shows its drawn canvas. */
async function chartsDrawn(page: Page) {
  const placeholders = page.locator('[data-chart]')
  const count = await placeholders.count()
  for (let index = 0; index < count; index++) {
    await placeholders.nth(index).locator('canvas').waitFor({ state: 'visible' })
  }
  return count
}

async function showFigures(page: Page) {
  await page.getByRole('button', { name: 'Show figures' }).click()
  await page.waitForLoadState('load')
}

/* Opens another dashboard from the dashboards' own navigation. */
function openDashboard(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Dashboards' }).getByRole('link', { name }).click()
}

test.group('Dashboards, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin reads every dashboard, narrows it to a department and changes the period', async ({
    browserContext,
    assert,
  }) => {
    const { admin } = await learningFixture()
    await takeSnapshots()
    browserContext.setDefaultTimeout(8000)

    const page = await browserContext.visitAs(admin, '/insights/capability')
    const errors = watchErrors(page)
    await page.assertTextContains('h1', 'Capability dashboard')
    assert.isAbove(await chartsDrawn(page), 0)
    assert.deepEqual(await bodyRows(page.locator('#table-coverage-organisation')), [
      ['Department A', '5', '3', '60%'],
      ['Department B', '3', '1', '33.3%'],
    ])
    await page.assertAccessible()

    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Department A' })
    await page.getByLabel('Heat map rows').selectOption({ label: 'Organisation' })
    await showFigures(page)
    assert.match(page.url(), /organisationId=\d+/)
    assert.match(page.url(), /rows=organisation/)
    assert.deepEqual(await bodyRows(page.locator('#table-coverage-organisation')), [
      ['Department A (directly)', '2', '1', '50%'],
      ['Agency A1', '3', '2', '66.7%'],
    ])
    assert.deepEqual(await bodyRows(page.locator('#table-skill-gaps')), [
      ['Department A (directly)', '1 of 2 / 2', '0 of 0 / 0', '1 of 2 / 2'],
      ['Agency A1', '1 of 2 / 2', '0 of 2 / 2', '0 of 0 / 0'],
    ])
    await chartsDrawn(page)
    await page.assertAccessible()

    // The organisation chosen follows to the learning dashboard, where the year is changed.
    await openDashboard(page, 'Learning')
    await page.assertTextContains('h1', 'Learning dashboard')
    await page.getByLabel('Financial year').selectOption({ label: '2025–26' })
    await showFigures(page)
    assert.deepEqual(await bodyRows(page.locator('#table-training-status')), [
      ['Awaiting approval', '0'],
      ['Booked', '1'],
      ['On the waiting list', '2'],
      ['Attended', '1'],
      ['Did not attend', '1'],
      ['Completed', '2'],
      ['Declined', '0'],
      ['Cancelled', '2'],
    ])
    await page.getByLabel('Quarter').selectOption({ value: '1' })
    await showFigures(page)
    assert.match(page.url(), /quarter=1/)
    assert.deepEqual(await bodyRows(page.locator('#table-waiting-lists')), [['Course X', '1', '1']])
    await chartsDrawn(page)
    await page.assertAccessible()

    await openDashboard(page, 'Workforce')
    await page.assertTextContains('h1', 'Workforce dashboard')
    assert.deepEqual(await bodyRows(page.locator('#table-digital-leaders')), [
      ['Agency A1', 'Executive agency', 'No', 'No Digital Leader named'],
      ['Department A', 'Ministerial department', 'No', 'No Digital Leader named'],
    ])
    await chartsDrawn(page)
    await page.assertAccessible()

    await openDashboard(page, 'Fast Stream')
    await page.assertTextContains('h1', 'Fast Stream dashboard')
    await page.assertTextContains('main', 'No placement round has been published yet.')
    await page.assertAccessible()

    await openDashboard(page, 'Overview and trends')
    await page
      .getByLabel('Organisation', { exact: true })
      .selectOption({ label: 'All of government' })
    const thisYear = financialYearLabel(financialYearOf(DateTime.utc()))
    await page.getByLabel('Financial year').selectOption({ label: thisYear })
    await showFigures(page)
    const trends = await bodyRows(page.locator('#table-trends'))
    assert.lengthOf(trends, 1)
    assert.equal(trends[0][1], '50%')
    assert.equal(await chartsDrawn(page), 2)
    await page.assertAccessible()

    assert.deepEqual(errors, [])
  })

  test('without JavaScript every dashboard still shows its tables, and no chart', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { hrA } = await learningFixture()
    await takeSnapshots()
    const page = await pageWithoutJavaScriptFor(browser, hrA, cleanup, 8000)

    for (const [path, table] of [
      ['/insights', '#table-trends'],
      ['/insights/capability', '#table-coverage-family'],
      ['/insights/workforce', '#table-headcount'],
      ['/insights/learning?year=2025', '#table-session-fill'],
    ] as const) {
      await page.goto(path)
      const rows = await bodyRows(page.locator(table))
      assert.isAbove(rows.length, 0, path)
      assert.isAbove(await page.locator('[data-chart]').count(), 0, path)
      assert.equal(await page.locator('canvas').count(), 0, path)
      for (const placeholder of await page.locator('[data-chart]').all()) {
        assert.isFalse(await placeholder.isVisible(), path)
      }
    }
    await page.goto('/insights/fast-stream')
    assert.include(
      await page.locator('main').textContent(),
      'No placement round has been published yet.'
    )

    // The filters work as a plain form.
    await page.goto('/insights/learning')
    await page.getByLabel('Financial year').selectOption({ label: '2025–26' })
    await page.getByRole('button', { name: 'Show figures' }).click()
    await page.waitForURL(/year=2025/)
    assert.deepEqual(await bodyRows(page.locator('#table-session-fill')), [
      ['Course X', '1', '4', '4', '100%'],
      ['Course Y', '1', '3', '2', '66.7%'],
    ])
  })
})
