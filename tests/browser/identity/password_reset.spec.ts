import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import { createUser } from '#database/factories/user_factory'
import { linkPathOf, resetsIn } from '#tests/support/password_links'

test.group('Resetting a password, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.teardown(() => mail.restore())

  test('a person asks for a link from the sign-in page and chooses a new password, by keyboard', async ({
    visit,
    assert,
  }) => {
    const fake = mail.fake()
    const user = await createUser({ overrides: { fullName: 'Rosalind Franklin' } })

    const signIn = await visit('/sign-in')
    await signIn.getByRole('link', { name: 'Forgot your password?' }).focus()
    await signIn.keyboard.press('Enter')
    await signIn.assertPath('/forgot-password')
    await signIn.assertTextContains('h1', 'Reset your password')
    await signIn.assertAccessible()

    // Nothing entered: the error summary, focused, linking to the field.
    await signIn.getByRole('button', { name: 'Send the link' }).click()
    await signIn.assertTitleContains('Error: Reset your password')
    await signIn.assertFocused('error-summary-title')
    const summaryLink = signIn.locator('[role=alert] a', { hasText: 'Enter your email address' })
    assert.equal(await summaryLink.getAttribute('href'), '#field-email')
    await signIn.assertAccessible()

    await signIn.getByLabel('Email address').fill(user.email)
    await signIn.keyboard.press('Enter')
    await signIn.assertTextContains('h1', 'Check your email')
    await signIn.assertTextContains('main', `If ${user.email} has an account, we have sent a link`)
    await signIn.assertAccessible()

    const page = await visit(linkPathOf(resetsIn(fake)[0]))
    await page.assertTextContains('h1', 'Choose a new password')
    await page.assertAccessible()
    await page.getByLabel('New password', { exact: true }).fill('harbour lantern thistle')
    await page.getByLabel('Confirm new password').fill('harbour lantern thistles')
    await page.keyboard.press('Enter')
    await page.assertTitleContains('Error: Choose a new password')
    await page.assertFocused('error-summary-title')
    await page.assertTextContains('[role=alert]', 'The new passwords do not match')
    await page.assertAccessible()

    await page.getByLabel('New password', { exact: true }).fill('harbour lantern thistle')
    await page.getByLabel('Confirm new password').fill('harbour lantern thistle')
    await page.keyboard.press('Enter')
    await page.assertPath('/')
    await page.assertTextContains('h1', 'Welcome, Rosalind Franklin')
    await page.assertTextContains('body', 'Your password has been changed and you are signed in')
    await page.assertAccessible()
  })
})
