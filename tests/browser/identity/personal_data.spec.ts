import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import type { Assert } from '@japa/assert'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { assertErrorSummary } from '#tests/support/error_summary'

const DESKTOP = { width: 1280, height: 800 }
const NARROW = { width: 320, height: 640 }

/* The page passes axe on a desktop and at 320 px, where nothing is wider than the screen. */
async function accessibleAtBothWidths(page: Page, assert: Assert) {
  await page.setViewportSize(DESKTOP)
  await page.assertAccessible()
  await page.setViewportSize(NARROW)
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  assert.isAtMost(widths.scroll, widths.client, `${page.url()} fits 320 px`)
  await page.assertAccessible()
  await page.setViewportSize(DESKTOP)
}

test.group('Personal data, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin erases someone added in error after the confirmation page, which shows its errors the GOV.UK way', async ({
    browserContext,
    assert,
  }) => {
    const department = await OrganisationFactory.merge({ name: 'Department for Skills' }).create()
    const admin = await createUser({
      roles: ['capability_admin'],
      organisation: department,
      overrides: { fullName: 'Cara Admin' },
    })
    const person = await createUser({
      organisation: department,
      overrides: { fullName: 'Eve Error' },
    })

    const page = await browserContext.visitAs(admin, `/admin/users/${person.id}`)
    await page.getByRole('link', { name: 'Erase personal data of Eve Error' }).click()
    await page.assertPath(`/admin/users/${person.id}/erase`)
    await page.assertTextContains('h1', 'Erase Eve Error’s personal data')
    await accessibleAtBothWidths(page, assert)

    await page.getByRole('button', { name: 'Erase personal data' }).click()
    await assertErrorSummary(page, assert, 'Erase Eve Error’s personal data', [
      'Enter why this person’s record is being erased',
      'Confirm that this person was never an employee',
    ])
    await accessibleAtBothWidths(page, assert)

    await page
      .getByLabel('Why is this record being erased?')
      .fill('Added twice by a staff import; the person never joined')
    await page.getByLabel('Eve Error was never an employee').check()
    await page.getByRole('button', { name: 'Erase personal data' }).click()
    await page.assertPath(`/admin/users/${person.id}`)
    await page.assertTextContains(
      'main',
      `Eve Error’s personal data has been erased. Their records are kept as Former employee ${person.id}`
    )
    await page.assertTextContains('h1', `Former employee ${person.id}`)
    assert.equal(await page.getByRole('link', { name: /^Erase personal data/ }).count(), 0)
    await accessibleAtBothWidths(page, assert)
  })

  test('a person downloads their own data from their profile', async ({
    browserContext,
    assert,
  }) => {
    const person = await createUser({ overrides: { fullName: 'Pat Person' } })
    const page = await browserContext.visitAs(person, '/profile')
    await accessibleAtBothWidths(page, assert)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your data' }).click(),
    ])
    assert.match(download.suggestedFilename(), new RegExp(`^subject-access-${person.id}-.+\\.zip$`))
  })
})
