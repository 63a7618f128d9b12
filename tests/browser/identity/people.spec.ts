import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import User from '#models/user'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { textOf } from '#tests/support/page_text'
import { summaryValue } from '#tests/support/summary_list'

let run = 0

/* Email addresses no other test uses. */
function uniqueEmail(name: string) {
  run += 1
  return `${name}.${Date.now().toString(36)}${run}@example.gov.uk`
}

/* The names in the first column of the people table, top to bottom. */
async function listedNames(page: Page) {
  const names = await page.locator('main table tbody th[scope=row]').allTextContents()
  return names.map((name) => name.trim())
}

test.group('People administration, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR finds people by name, sorts them by email and opens one', async ({
    browserContext,
    assert,
  }) => {
    const department = await OrganisationFactory.merge({ name: 'Department for Skills' }).create()
    const hr = await createUser({
      roles: ['department_hr'],
      organisation: department,
      overrides: { fullName: 'Harriet Reed' },
    })
    await createUser({
      organisation: department,
      overrides: { fullName: 'Ada Lovelace', email: uniqueEmail('zz.ada') },
    })
    await createUser({
      organisation: department,
      overrides: { fullName: 'Adam Smith', email: uniqueEmail('aa.adam') },
    })
    await createUser({
      organisation: department,
      overrides: { fullName: 'Brian Kernighan', email: uniqueEmail('brian') },
    })

    const page = await browserContext.visitAs(hr, '/')
    await page.getByRole('link', { name: 'Find and manage people' }).click()
    await page.assertPath('/admin/users')
    await page.assertTextContains('h1', 'People')
    assert.deepEqual(await listedNames(page), [
      'Ada Lovelace',
      'Adam Smith',
      'Brian Kernighan',
      'Harriet Reed',
    ])
    await page.assertAccessible()

    await page.getByLabel('Name or email contains').fill('ada')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/[?&]q=ada(&|$)/)
    assert.equal(await page.getByLabel('Name or email contains').inputValue(), 'ada')
    await page.assertTextContains('main [role=status]', '2 people found')
    assert.deepEqual(await listedNames(page), ['Ada Lovelace', 'Adam Smith'])
    await page.assertAccessible()

    const header = (name: string) => page.getByRole('columnheader', { name })
    assert.equal(await header('Name').getAttribute('aria-sort'), 'ascending')
    assert.equal(await header('Email').getAttribute('aria-sort'), 'none')

    await header('Email').getByRole('link').click()
    await page.waitForURL(/sort=email/)
    assert.equal(new URL(page.url()).searchParams.get('q'), 'ada', 'sorting keeps the filter')
    assert.equal(await page.getByLabel('Name or email contains').inputValue(), 'ada')
    assert.equal(await header('Email').getAttribute('aria-sort'), 'ascending')
    assert.equal(await header('Name').getAttribute('aria-sort'), 'none')
    assert.deepEqual(await listedNames(page), ['Adam Smith', 'Ada Lovelace'])
    await page.assertAccessible()

    await header('Email').getByRole('link').click()
    await page.waitForURL(/direction=desc/)
    assert.equal(await header('Email').getAttribute('aria-sort'), 'descending')
    assert.deepEqual(await listedNames(page), ['Ada Lovelace', 'Adam Smith'])
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Ada Lovelace' }).click()
    await page.assertTextContains('h1', 'Ada Lovelace')
    assert.equal(await summaryValue(page.locator('main'), 'Organisation'), 'Department for Skills')
    assert.equal(await summaryValue(page.locator('main'), 'Roles'), 'Learner')
    await page.assertAccessible()
  })

  test('department HR adds a person after correcting errors, changes their details, deactivates and reactivates them', async ({
    browserContext,
    assert,
  }) => {
    const department = await OrganisationFactory.merge({ name: 'Department for Records' }).create()
    const hr = await createUser({ roles: ['department_hr'], organisation: department })

    const page = await browserContext.visitAs(hr, '/admin/users')
    await page.getByRole('link', { name: 'Add a person' }).click()
    await page.assertPath('/admin/users/create')
    await page.assertTextContains('h1', 'Add a person')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Add person' }).click()
    await page.assertPath('/admin/users/create')
    await page.assertTitleContains('Error: Add a person')
    await page.assertFocused('error-summary-title')
    const summary = page.locator('[role=alert]')
    const expected = {
      'field-fullName': 'Full name',
      'field-email': 'Email address',
      'field-password': 'Initial password',
      'field-organisationId': 'Organisation',
    }
    const links = await summary.locator('a').evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        href: anchor.getAttribute('href'),
        text: anchor.textContent?.trim(),
      }))
    )
    assert.sameMembers(
      links.map((link) => link.href),
      Object.keys(expected).map((id) => `#${id}`)
    )
    for (const [id, label] of Object.entries(expected)) {
      const field = page.getByLabel(label, { exact: true })
      assert.equal(await field.getAttribute('id'), id)
      assert.equal(await field.getAttribute('aria-invalid'), 'true', `${label} is marked invalid`)
      const message = links.find((link) => link.href === `#${id}`)!.text!
      await page.assertTextContains(`#${id}-error`, message)
    }
    await page.assertAccessible()

    await summary
      .getByRole('link', { name: links.find((link) => link.href === '#field-email')!.text })
      .click()
    await page.assertFocused('field-email')
    await summary
      .getByRole('link', {
        name: links.find((link) => link.href === '#field-organisationId')!.text,
      })
      .click()
    await page.assertFocused('field-organisationId')

    const email = uniqueEmail('new.starter')
    await page.getByLabel('Full name').fill('Nadia New')
    await page.getByLabel('Email address', { exact: true }).fill(email)
    await page.getByLabel('Initial password').fill('a long enough first password')
    await page.getByLabel('Organisation').selectOption({ label: 'Department for Records' })
    await page.getByLabel('Grade (optional)').selectOption('HEO')
    await page.getByRole('button', { name: 'Add person' }).click()

    await page.assertTextContains('h1', 'Nadia New')
    await page.assertTextContains('[role=status]', 'Person added')
    assert.equal(await summaryValue(page.locator('main'), 'Email address'), email)
    assert.equal(await summaryValue(page.locator('main'), 'Organisation'), 'Department for Records')
    assert.equal(
      await summaryValue(page.locator('main'), 'Grade'),
      'Higher Executive Officer (HEO)'
    )
    assert.equal(await summaryValue(page.locator('main'), 'Roles'), 'Learner')
    await page.assertAccessible()
    const added = await User.findByOrFail('email', email)
    await page.assertPath(`/admin/users/${added.id}`)

    await page.getByRole('link', { name: 'Change details of Nadia New' }).click()
    await page.assertPath(`/admin/users/${added.id}/edit`)
    await page.assertTextContains('h1', 'Change Nadia New’s details')
    assert.equal(await page.getByLabel('Full name').inputValue(), 'Nadia New')
    await page.assertAccessible()
    await page.getByLabel('Full name').fill('Nadia Newton')
    await page.getByLabel('Grade (optional)').selectOption('SEO')
    await page.getByRole('button', { name: 'Save changes' }).click()

    await page.assertPath(`/admin/users/${added.id}`)
    await page.assertTextContains('[role=status]', 'Changes saved')
    await page.assertTextContains('h1', 'Nadia Newton')
    assert.equal(
      await summaryValue(page.locator('main'), 'Grade'),
      'Senior Executive Officer (SEO)'
    )
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Deactivate account' }).click()
    await page.assertPath(`/admin/users/${added.id}`)
    await page.assertTextContains('[role=status]', 'Nadia Newton has been deactivated')
    await page.assertTextContains('main', 'This account was deactivated on')
    assert.equal(await page.getByRole('button', { name: 'Deactivate account' }).count(), 0)
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Back to people' }).click()
    const row = page.getByRole('row', { name: /Nadia Newton/ })
    assert.equal(await textOf(row.getByRole('cell').last()), 'Deactivated')
    await page.assertAccessible()
    await row.getByRole('link', { name: 'Nadia Newton' }).click()

    await page.getByRole('button', { name: 'Reactivate account' }).click()
    await page.assertPath(`/admin/users/${added.id}`)
    await page.assertTextContains('[role=status]', 'Nadia Newton can sign in again')
    assert.notInclude(await page.locator('main').textContent(), 'This account was deactivated')
    await page.getByRole('button', { name: 'Deactivate account' }).waitFor()
    await page.assertAccessible()
  })

  test('a capability admin sees the people of every department; department HR only their own', async ({
    browser,
    browserContext,
    assert,
  }) => {
    const health = await OrganisationFactory.merge({
      name: 'Department of Health Records',
    }).create()
    const transport = await OrganisationFactory.merge({
      name: 'Department of Transport Records',
    }).create()
    const admin = await createUser({
      roles: ['capability_admin'],
      organisation: health,
      overrides: { fullName: 'Alan Admin' },
    })
    const hr = await createUser({
      roles: ['department_hr'],
      organisation: health,
      overrides: { fullName: 'Helen Health' },
    })
    await createUser({ organisation: health, overrides: { fullName: 'Hugo Health' } })
    const traveller = await createUser({
      organisation: transport,
      overrides: { fullName: 'Tina Transport' },
    })

    const adminPage = await browserContext.visitAs(admin, '/admin/users')
    assert.deepEqual(await listedNames(adminPage), [
      'Alan Admin',
      'Helen Health',
      'Hugo Health',
      'Tina Transport',
    ])
    const organisations = await adminPage
      .locator('main table tbody td:nth-child(4)')
      .allTextContents()
    assert.includeMembers(
      organisations.map((name) => name.trim()),
      ['Department of Health Records', 'Department of Transport Records']
    )
    await adminPage.assertAccessible()

    const hrContext = await browser.newContext({
      baseURL: `http://${process.env.HOST}:${process.env.PORT}`,
    })
    try {
      await hrContext.loginAs(hr)
      const hrPage = await hrContext.visit('/admin/users')
      assert.deepEqual(await listedNames(hrPage), ['Alan Admin', 'Helen Health', 'Hugo Health'])
      assert.notInclude(
        await hrPage.locator('main').textContent(),
        'Department of Transport Records'
      )
      await hrPage.assertAccessible()

      const response = await hrPage.goto(`/admin/users/${traveller.id}`)
      assert.equal(
        response?.status(),
        404,
        'a person outside their department is answered as not found'
      )
      await hrPage.assertTextContains('h1', 'Page not found')
      await hrPage.assertAccessible()
    } finally {
      await hrContext.close()
    }
  })
})
