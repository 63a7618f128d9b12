import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { invitationsIn, linkPathOf } from '#tests/support/password_links'

test.group('Invitations, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('HR invite a person from the people list by keyboard; the person creates a password and is signed in', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const fake = mail.fake()
    const department = await OrganisationFactory.merge({ name: 'Department for Skills' }).create()
    const hr = await createUser({
      roles: ['department_hr', 'learner'],
      organisation: department,
      overrides: { fullName: 'Harriet Reed' },
    })
    const newcomer = await createUser({
      organisation: department,
      overrides: { fullName: 'Nadia Newcomer' },
    })
    await db.from('users').where('id', newcomer.id).update({ password: null })

    const list = await browserContext.visitAs(hr, '/admin/users?account=never_signed_in')
    await list.assertAccessible()
    await list.getByLabel('Select Nadia Newcomer').focus()
    await list.keyboard.press('Space')
    await list.getByLabel('The people I ticked on this page').check()
    await list.getByRole('button', { name: 'Send invitations' }).focus()
    await list.keyboard.press('Enter')
    await list.assertTextContains('#invitations-summary-title', 'Invitations sent to 1 person')
    await list.assertAccessible()
    await list.getByRole('button', { name: /Sign out/ }).click()
    await list.assertPath('/sign-in')

    const path = linkPathOf(invitationsIn(fake)[0])
    const page = await visit(path)
    await page.assertTextContains('h1', 'Create your password')
    await page.assertAccessible()

    // A common password: the GOV.UK error pattern, focused, linking to the field.
    await page.getByLabel('Password', { exact: true }).fill('password2024')
    await page.getByLabel('Confirm password').fill('password2024')
    await page.keyboard.press('Enter')
    await page.assertTitleContains('Error: Create your password')
    await page.assertFocused('error-summary-title')
    const summaryLink = page.locator('[role=alert] a', {
      hasText: 'Choose a password that is harder to guess: this one is too common',
    })
    assert.equal(
      await summaryLink.getAttribute('href'),
      `#${await page.getByLabel('Password', { exact: true }).getAttribute('id')}`
    )
    assert.equal(
      await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'),
      'true'
    )
    await page.assertAccessible()
    await summaryLink.focus()
    await page.keyboard.press('Enter')
    await page.assertFocused(
      (await page.getByLabel('Password', { exact: true }).getAttribute('id'))!
    )

    await page.keyboard.type('meadow lantern copper')
    await page.getByLabel('Confirm password').fill('meadow lantern copper')
    await page.keyboard.press('Enter')
    await page.assertPath('/')
    await page.assertTextContains('h1', 'Welcome, Nadia Newcomer')
    await page.assertTextContains('body', 'Your password has been created and you are signed in')
    await page.assertAccessible()

    // The link works once.
    const again = await visit(path)
    await again.assertTextContains('h1', 'This link has already been used')
    await again.assertAccessible()
  })
})
