import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'

test.group('Signing in, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person signs in with the keyboard and lands on their home page', async ({ visit }) => {
    const user = await createUser({ overrides: { fullName: 'Katherine Johnson' } })
    const page = await visit('/sign-in')
    await page.assertAccessible()
    await page.getByLabel('Email address').fill(user.email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.keyboard.press('Enter')
    await page.assertTextContains('h1', 'Welcome, Katherine Johnson')
    await page.assertAccessible()
  })

  test('a wrong password shows the error summary, focused, and keeps the email', async ({
    visit,
    assert,
  }) => {
    const user = await createUser()
    const page = await visit('/sign-in')
    await page.getByLabel('Email address').fill(user.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.assertTextContains('[role=alert] h2', 'There is a problem')
    await page.assertTitleContains('Error: Sign in')
    assert.equal(await page.getByLabel('Email address').inputValue(), user.email)
    await page.assertFocused('error-summary-title')
    await page.assertAccessible()
  })
})
