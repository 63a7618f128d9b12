import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { accessibleAtBothWidths } from '#tests/support/page_widths'
import { assertErrorSummary } from '#tests/support/error_summary'

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
