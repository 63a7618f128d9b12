import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { managerWithARequest } from '#tests/support/fixtures/training_requests'

test.group('Home page task list, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line manager’s home lists what waits for them, reachable by keyboard, accessible on a desktop and at 320 px', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { manager } = await managerWithARequest()

    const page = await browserContext.visitAs(manager, '/')
    await page
      .getByRole('heading', { level: 2, name: 'For the people who report to you' })
      .waitFor()
    await page.assertAccessible()
    const approvals = page.getByRole('link', { name: 'Approve training requests' })
    assert.equal(await approvals.getAttribute('href'), '/learning/approvals')
    const row = page.locator('li', { has: approvals })
    assert.include(await row.innerText(), '1 request waiting')

    // By keyboard: the task is a link like any other.
    await approvals.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL('**/learning/approvals')
    await page.getByText('Agile for leaders').first().waitFor()

    const phone = await visit('/')
    await phone.setViewportSize({ width: 320, height: 640 })
    const widths = await phone.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }))
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 8)
        .map(
          (el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`
        )
    )
    assert.isAtMost(
      widths.scroll,
      widths.client,
      `nothing is wider than the screen: ${wide.join(' | ')}`
    )
    await phone.assertAccessible()
  })
})
