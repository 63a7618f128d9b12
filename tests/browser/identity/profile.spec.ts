import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#models/user'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { textOf } from '#tests/support/page_text'

test.group('Your profile, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner sees their own details on their profile', async ({ browserContext, assert }) => {
    const organisation = await OrganisationFactory.merge({
      name: 'Department for Digital Skills',
    }).create()
    const user = await createUser({
      organisation,
      overrides: { fullName: 'Grace Hopper', grade: 'SEO', profession: 'digital' },
    })

    const page = await browserContext.visitAs(user, '/')
    await page.assertAccessible()
    await page.getByRole('link', { name: 'Your profile, password and API tokens' }).click()
    await page.assertPath('/profile')
    await page.assertTextContains('h1', 'Your profile')
    await page.assertTitleContains('Your profile')

    const details = page.locator('main dl')
    const row = (key: string) =>
      details.locator('div', { has: page.locator('dt', { hasText: key }) }).locator('dd')
    assert.equal(await textOf(row('Name')), 'Grace Hopper')
    assert.equal(await textOf(row('Email address')), user.email)
    assert.equal(await textOf(row('Organisation')), 'Department for Digital Skills')
    assert.equal(await textOf(row('Roles')), 'Learner')
    assert.equal(await textOf(row('Team')), 'Not set')
    await page.assertTextContains('main', 'You have no tokens.')
    await page.assertAccessible()
  })

  test('changing the password rejects a wrong current password, then accepts the right one', async ({
    browserContext,
    assert,
  }) => {
    const user = await createUser()

    const page = await browserContext.visitAs(user, '/profile')
    await page.getByRole('link', { name: 'Change your password' }).click()
    await page.assertPath('/profile/password')
    await page.assertTextContains('h1', 'Change your password')
    await page.assertAccessible()

    await page.getByLabel('Current password').fill('not-my-password')
    await page.getByLabel('New password', { exact: true }).fill('a much better passphrase')
    await page.getByLabel('Confirm new password').fill('a much better passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()

    await page.assertPath('/profile/password')
    await page.assertTitleContains('Error: Change your password')
    await page.assertTextContains('[role=alert] h2', 'There is a problem')
    await page.assertFocused('error-summary-title')
    const summaryLink = page.locator('[role=alert] a', {
      hasText: 'The current password is not correct',
    })
    assert.equal(
      await summaryLink.getAttribute('href'),
      `#${await page.getByLabel('Current password').getAttribute('id')}`
    )
    const currentPassword = page.getByLabel('Current password')
    assert.equal(await currentPassword.getAttribute('aria-invalid'), 'true')
    const errorId = await currentPassword.getAttribute('aria-describedby')
    assert.isString(errorId)
    await page.assertTextContains(`#${errorId}`, 'The current password is not correct')
    assert.equal(
      await currentPassword.inputValue(),
      '',
      'a password is never sent back to the page'
    )
    await page.assertAccessible()

    await page.getByLabel('Current password').fill(TEST_PASSWORD)
    await page.getByLabel('New password', { exact: true }).fill('a much better passphrase')
    await page.getByLabel('Confirm new password').fill('a much better passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()

    await page.assertPath('/profile')
    await page.assertTextContains('[role=status]', 'Your password has been changed')
    await page.assertAccessible()

    const saved = await User.findOrFail(user.id)
    assert.isTrue(await saved.verifyPassword('a much better passphrase'))
  })

  test('a learner creates an API token, sees its secret once, then revokes it', async ({
    browserContext,
    assert,
  }) => {
    const user = await createUser()

    const page = await browserContext.visitAs(user, '/profile')
    await page.getByLabel('Name of a new token').fill('Weekly report script')
    await page.getByRole('button', { name: 'Create token' }).click()

    await page.assertTextContains('h1', 'Your new API token')
    await page.assertTextContains('[role=status]', 'It will not be shown again')
    const secret = await page.getByLabel('Token “Weekly report script”').inputValue()
    assert.isAbove(secret.length, 20)
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Back to your profile' }).click()
    await page.assertPath('/profile')
    const tokens = page.getByRole('table', { name: 'Your tokens' })
    await tokens.getByRole('rowheader', { name: 'Weekly report script' }).waitFor()
    assert.notInclude(await page.content(), secret, 'the secret is shown only once')
    await page.assertAccessible()

    await tokens.getByRole('button', { name: 'Revoke Weekly report script' }).click()
    await page.assertPath('/profile')
    await page.assertTextContains('[role=status]', 'The token has been revoked')
    await page.assertTextContains('main', 'You have no tokens.')
    assert.equal(await page.getByRole('table', { name: 'Your tokens' }).count(), 0)
    await page.assertAccessible()
  })

  test('creating a token without a name shows an error on the name field', async ({
    browserContext,
    assert,
  }) => {
    const user = await createUser()

    const page = await browserContext.visitAs(user, '/profile')
    await page.getByRole('button', { name: 'Create token' }).click()

    await page.assertPath('/profile')
    await page.assertTextContains('[role=alert] h2', 'There is a problem')
    await page.assertFocused('error-summary-title')
    assert.equal(await page.getByLabel('Name of a new token').getAttribute('aria-invalid'), 'true')
    await page.assertAccessible()
  })
})
