import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import { enrol } from '#actions/learning/enrol'
import { financialYearOf } from '#domain/learning/training_budgets'
import { assertErrorSummary } from '#tests/support/error_summary'
import { rowCells } from '#tests/support/page_text'
import type { Assert } from '@japa/assert'
import type { Page } from 'playwright'
import { accessibleAtBothWidths, documentWidth, reflowProblems } from '#tests/support/page_widths'

/*
 * A dashboard as it is opened at 320 px and at 1280 px: its charts are drawn
 * for the width the page opens at (they redraw a moment after a resize).
 */
async function dashboardAtBothWidths(page: Page, assert: Assert) {
  for (const viewport of [
    { width: 320, height: 640 },
    { width: 1280, height: 900 },
  ]) {
    await page.setViewportSize(viewport)
    await page.reload()
    const { scrollWidth, innerWidth } = await documentWidth(page)
    const problems = await reflowProblems(page)
    assert.isAtMost(scrollWidth, innerWidth, problems.join('; '))
    await page.assertAccessible()
  }
}

test.group('Training budgets, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR go from the learning dashboard to an agency’s budget, are told what is wrong with “£12.345”, set it, and read it back on the dashboard', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const department = await OrganisationFactory.merge({ name: 'Department Alpha' }).create()
    const agency = await createChildOrganisation(department, { name: 'Alpha Agency' })
    const hr = await createUser({
      organisation: department,
      roles: ['learner', 'department_hr'],
      overrides: { fullName: 'Hana HR' },
    })
    const learner = await createUser({ organisation: agency })
    const session = await createSession({ course: await createCourse({ costPence: 45_000 }) })
    await enrol(learner, session.id)
    const year = financialYearOf(session.startsAt.toJSDate())
    const yearName = `${year} to ${year + 1}`
    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(hr)

    const page = await visit(`/insights/learning?year=${year}`)
    await page.assertTextContains('#panel-training-budgets', 'Training budgets')
    await dashboardAtBothWidths(page, assert)
    await page.getByRole('link', { name: /Set or change training budgets/ }).click()
    await page.assertTextContains('h1', 'Training budgets')
    await accessibleAtBothWidths(page, assert)

    await page.getByRole('link', { name: 'Set the budget of Alpha Agency' }).click()
    await page.assertTextContains('h1', 'Training budget of Alpha Agency')
    await accessibleAtBothWidths(page, assert)
    const amount = page.getByLabel(`Budget for ${yearName} in pounds`)
    await amount.fill('£12.345')
    await page.getByRole('button', { name: 'Save budget' }).click()
    const message =
      'Enter the budget in pounds and pence, with no more than 2 digits for pence, like 25000.50'
    const summary = await assertErrorSummary(page, assert, 'Training budget of Alpha Agency', [
      message,
    ])
    await accessibleAtBothWidths(page, assert)
    await summary.getByRole('link', { name: message }).click()
    await page.assertFocused('field-amount')
    assert.equal(await amount.inputValue(), '£12.345')

    await amount.fill('400')
    await page.getByRole('button', { name: 'Save budget' }).click()
    await page.assertTextContains(
      '[role="status"], [role="alert"]',
      `The training budget of Alpha Agency for ${yearName} is £400.00`
    )
    const history = page.getByRole('table', { name: 'Changes to the budget, newest first' })
    const [change] = await history.locator('tbody tr').all()
    assert.include(await change.innerText(), 'Hana HR')
    assert.include(await change.innerText(), '£400.00')
    await accessibleAtBothWidths(page, assert)

    const dashboard = await visit(`/insights/learning?year=${year}`)
    const table = dashboard.getByRole('table', { name: `Training budgets for ${yearName}` })
    assert.deepEqual(await rowCells(table, 'Alpha Agency'), [
      'Alpha Agency',
      '£400.00',
      '£450.00',
      '£0.00',
      '£50.00 over',
    ])
    await dashboardAtBothWidths(dashboard, assert)
  }).timeout(120_000)
})
