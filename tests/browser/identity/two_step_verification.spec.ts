import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { accessibleAtBothWidths } from '#tests/support/page_widths'
import { awayFromStepEdge, codeFor } from '#tests/support/two_step'

test.group('Two-step verification, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a person sets it up with the key on the page and then signs in with a code from it', async ({
    visit,
    assert,
  }) => {
    const user = await createUser({ overrides: { fullName: 'Dorothy Vaughan' } })

    const page = await visit('/sign-in')
    await page.getByLabel('Email address').fill(user.email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.keyboard.press('Enter')
    await page.assertTextContains('h1', 'Welcome, Dorothy Vaughan')

    // From the profile to the set-up page.
    await page.goto('/profile')
    await page.getByRole('link', { name: 'Set up two-step verification' }).click()
    await page.assertPath('/profile/two-step-verification')
    await accessibleAtBothWidths(page, assert)
    await page.getByRole('link', { name: 'Set up two-step verification' }).click()
    await page.assertPath('/profile/two-step-verification/set-up')
    await page.assertTextContains('h1', 'Set up two-step verification')
    const qrCode = page.getByRole('img', {
      name: 'QR code to add your account to an authenticator app',
    })
    await qrCode.waitFor()
    // The image is its own request: wait until it has loaded and decoded (decode() rejects on a
    // broken image), then check it has pixels.
    const width = await qrCode.evaluate(async (image: HTMLImageElement) => {
      await image.decode()
      return image.naturalWidth
    })
    assert.isAbove(width, 0)
    await accessibleAtBothWidths(page, assert)

    // The key as an app would read it by hand.
    const shown = await page.locator('#secret-key').innerText()
    const secret = shown.replaceAll(/\s/g, '')
    assert.match(secret, /^[A-Z2-7]{32}$/)

    // A wrong code: the error summary, focused, and a message under the field.
    await awayFromStepEdge()
    const right = await codeFor(secret)
    await page
      .getByLabel('Code from your authenticator app')
      .fill(right === '000000' ? '111111' : '000000')
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click()
    await page.assertTitleContains('Error: Set up two-step verification')
    await page.assertFocused('error-summary-title')
    await page.assertTextContains(
      '[role=alert]',
      'The code is not correct. Enter the code your authenticator app shows now'
    )
    await accessibleAtBothWidths(page, assert)

    await page.getByLabel('Code from your authenticator app').fill(right)
    await page.keyboard.press('Enter')
    await page.assertTextContains('h1', 'Your recovery codes')
    await page.assertTextContains('main', 'Two-step verification is on')
    assert.lengthOf(await page.locator('main li').allInnerTexts(), 10)
    await accessibleAtBothWidths(page, assert)

    // Signing in again: the password, then a code.
    await page.getByRole('button', { name: /Sign out/ }).click()
    await page.assertPath('/sign-in')
    await page.getByLabel('Email address').fill(user.email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.keyboard.press('Enter')
    await page.assertPath('/sign-in/two-step')
    await page.assertTextContains('h1', 'Enter the code from your authenticator app')
    const field = page.getByLabel('Code', { exact: true })
    assert.equal(await field.getAttribute('autocomplete'), 'one-time-code')
    assert.equal(await field.getAttribute('inputmode'), 'numeric')
    await accessibleAtBothWidths(page, assert)

    // The link to a recovery code, and back.
    await page.getByRole('link', { name: 'Use a recovery code instead' }).click()
    await page.assertTextContains('h1', 'Enter a recovery code')
    await accessibleAtBothWidths(page, assert)
    await page.getByRole('link', { name: 'Use a code from your authenticator app instead' }).click()

    // The set-up used this step's code: the app's next one signs in.
    const next = await codeFor(secret, 1)
    await page.getByLabel('Code', { exact: true }).fill(`${next.slice(0, 3)} ${next.slice(3)}`)
    await page.keyboard.press('Enter')
    await page.assertPath('/')
    await page.assertTextContains('h1', 'Welcome, Dorothy Vaughan')
  }).timeout(120_000)
})
