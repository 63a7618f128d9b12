import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import { assertErrorSummary } from '#tests/support/error_summary'
import { navigateTo } from '#tests/support/navigation'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import type Organisation from '#models/organisation'
import CapabilityPlan from '#models/capability_plan'
import PlanLine from '#models/plan_line'
import RoleLevel from '#models/role_level'
import { rowCells, textOf, textsOf } from '#tests/support/page_text'
import { pageFor } from '#tests/support/browser_sign_in'
import { createRoleAssignment } from '#database/factories/capability_factory'
import { createCapabilityPlan, createPlanLine } from '#database/factories/workforce_factory'
import { departmentHrOf } from '#tests/support/fixtures/department_hr'

/* The plan's status, as its page shows it. */
function planStatus(page: Page) {
  return textOf(page.locator('main p').filter({ hasText: /^\s*Status:/ }))
}

/* The status of each task on the plan's task list, by the task's title. */
async function taskStatuses(page: Page) {
  const items = page.locator('main ol > li')
  const titles = await textsOf(items.locator('p.font-bold'))
  const statuses = await textsOf(items.locator('.tag'))
  return titles.map((title, index) => `${title}: ${statuses[index]}`)
}

/* One role profile's input on the "Posts and people" page. */
function numberInput(page: Page, role: string, label: string) {
  return page.getByRole('group', { name: role, exact: true }).getByLabel(`${label} for ${role}`)
}

/* Gives new people in the organisation a confirmed current role level, in force. */
async function peopleInRole(organisation: Organisation, roleLevelId: number, count: number) {
  for (let i = 0; i < count; i++) {
    const person = await createUser({ organisation })
    await createRoleAssignment(person, roleLevelId, { confirmedAt: DateTime.now() })
  }
}

/* The Department for Transport with its HR, three product managers in post, and a capability admin. */
async function department() {
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const hr = await departmentHrOf(dft)
  const admin = await createUser({
    roles: ['capability_admin', 'learner'],
    overrides: { fullName: 'Owen Rees' },
  })
  const product = await createRole({
    role: 'Product manager',
    levels: [
      { name: 'Associate product manager', needs: { 'Agile working': 2 } },
      { name: 'Senior product manager', needs: { 'Agile working': 3 } },
    ],
  })
  await createRole({
    role: 'Delivery manager',
    levels: [{ name: 'Delivery manager', needs: { 'Agile working': 3 } }],
  })
  await peopleInRole(dft, product.levels[0].id, 2)
  await peopleInRole(dft, product.levels[1].id, 1)
  return { dft, hr, admin }
}

test.group('Capability plan journey, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR start, fill and send a plan after fixing a bad number; an admin returns it with a comment; HR change and resend it and the admin approves it', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { dft, hr, admin } = await department()

    // Priya, department HR, starts the 2013–14 plan for her department.
    browserContext.setDefaultTimeout(5000)
    const page = await browserContext.visitAs(hr, '/')
    await page.assertAccessible()
    await navigateTo(page, 'Workforce')
    await page.assertPath('/workforce/plans')
    await page.assertTextContains('h1', 'Capability plans')
    assert.equal(await textOf(page.getByRole('status')), '0 plans found')
    await page.assertAccessible()

    const startForm = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Start a plan' }) })
    await startForm.getByLabel('Organisation').selectOption({ label: 'Department for Transport' })
    await startForm.getByLabel('Financial year').selectOption({ label: '2013–14' })
    await startForm.getByRole('button', { name: 'Start a plan' }).click()
    const plan = await CapabilityPlan.query()
      .where({ organisation_id: dft.id, financial_year: 2013 })
      .firstOrFail()
    const planPath = `/workforce/plans/${plan.id}`
    await page.assertPath(planPath)
    assert.equal(await textOf(page.getByRole('status')), 'Plan for 2013–14 started')
    await page.assertTextContains('h1', 'Department for Transport: capability plan 2013–14')
    assert.equal(await planStatus(page), 'Status: Draft')
    assert.deepEqual(await taskStatuses(page), [
      '1. Choose role profiles: Not started',
      '2. Posts and people: Cannot start yet',
      '3. Check and submit: Cannot start yet',
    ])
    await page.assertAccessible()

    // She chooses role profiles, first forgetting to pick one.
    await page.getByRole('link', { name: 'Choose role profiles' }).click()
    await page.assertPath(`${planPath}/lines`)
    await page.assertTextContains('h1', 'Choose role profiles')
    await page.assertTextContains('main', 'The plan has no role profiles yet.')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Add role profile' }).click()
    await page.assertPath(`${planPath}/lines`)
    await assertErrorSummary(page, assert, 'Choose role profiles', [
      'Select a role profile to add to the plan',
    ])
    await page.assertTextContains(
      '#field-roleProfileId-error',
      'Select a role profile to add to the plan'
    )
    await page.assertAccessible()

    for (const role of ['Product manager', 'Delivery manager']) {
      await page.getByLabel('Add a role profile').selectOption({ label: role })
      await page.getByRole('button', { name: 'Add role profile' }).click()
      await page.assertPath(`${planPath}/lines`)
      assert.equal(await textOf(page.getByRole('status')), 'Role profile added to the plan')
      await page.assertAccessible()
    }
    const chosen = page.getByRole('table', { name: 'Role profiles in the plan' })
    assert.deepEqual(await textsOf(chosen.locator('tbody th')), [
      'Delivery manager',
      'Product manager',
    ])
    const lines = await PlanLine.query().where('plan_id', plan.id).preload('roleProfile')
    const lineOf = (role: string) => lines.find((line) => line.roleProfile.name === role)!

    await page.getByRole('link', { name: 'Back to the plan' }).click()
    await page.assertPath(planPath)
    assert.deepEqual(await taskStatuses(page), [
      '1. Choose role profiles: Completed',
      '2. Posts and people: Not started',
      '3. Check and submit: Not started',
    ])
    await page.assertAccessible()

    // She fills the numbers, typing words for one of them first.
    await page.getByRole('link', { name: 'Posts and people' }).click()
    await page.assertPath(`${planPath}/numbers`)
    await page.assertTextContains('h1', 'Posts and people')
    assert.equal(
      await textOf(
        page.getByRole('group', { name: 'Product manager', exact: true }).locator('p').first()
      ),
      'Counted in post: 3. Open recruitment campaigns: 0 posts.'
    )
    await page.assertAccessible()

    await numberInput(page, 'Product manager', 'Posts needed').fill('twelve')
    await numberInput(page, 'Product manager', 'Planned to recruit').fill('3')
    await numberInput(page, 'Product manager', 'Planned to train').fill('2')
    await numberInput(page, 'Delivery manager', 'Posts needed').fill('5')
    await numberInput(page, 'Delivery manager', 'Planned to recruit').fill('1')
    await numberInput(page, 'Delivery manager', 'Planned to train').fill('0')
    await page.getByRole('button', { name: 'Save and return to the plan' }).click()

    await page.assertPath(`${planPath}/numbers`)
    const message = 'Enter the number of posts needed for Product manager as a whole number'
    const summary = await assertErrorSummary(page, assert, 'Posts and people', [message])
    const fieldId = `field-lines-l${lineOf('Product manager').id}-postsNeeded`
    const summaryLink = summary.getByRole('link', { name: message })
    assert.equal(await summaryLink.getAttribute('href'), `#${fieldId}`)
    await page.assertTextContains(`#${fieldId}-error`, message)
    const badInput = numberInput(page, 'Product manager', 'Posts needed')
    assert.equal(await badInput.getAttribute('aria-invalid'), 'true')
    assert.include((await badInput.getAttribute('aria-describedby'))!, `${fieldId}-error`)
    assert.equal(await badInput.inputValue(), 'twelve', 'what was typed is kept')
    assert.equal(await numberInput(page, 'Delivery manager', 'Posts needed').inputValue(), '5')
    await page.assertAccessible()

    await summaryLink.click()
    await page.assertFocused(fieldId, 'the summary link moves focus to the field')
    await badInput.fill('12')
    await page.getByRole('button', { name: 'Save and return to the plan' }).click()
    await page.assertPath(planPath)
    assert.equal(await textOf(page.getByRole('status')), 'Posts and people saved')
    assert.deepEqual(await taskStatuses(page), [
      '1. Choose role profiles: Completed',
      '2. Posts and people: Completed',
      '3. Check and submit: Not started',
    ])
    await page.assertAccessible()

    // She checks her answers and sends the plan.
    await page.getByRole('link', { name: 'Check and submit' }).click()
    await page.assertPath(`${planPath}/check`)
    await page.assertTextContains('h1', 'Check your plan before sending it')
    const answers = page.getByRole('table', { name: 'Every line of the plan, with totals' })
    assert.deepEqual(await rowCells(answers, 'Product manager'), [
      'Product manager',
      '12',
      '3 Counted from people',
      '9',
      '3 0 in open campaigns',
      '2',
      'Change numbers for Product manager',
    ])
    const totals = await rowCells(answers, 'Total')
    assert.deepEqual([...totals.slice(0, 4), totals[5]], ['Total', '17', '3', '14', '2'])
    const recruitTotal = answers.locator('tfoot td').nth(3)
    assert.equal(await textOf(recruitTotal), '4, 0 in open campaigns')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Send the plan for approval' }).click()
    await page.assertPath(planPath)
    assert.equal(await textOf(page.getByRole('status')), 'Plan for 2013–14 sent for approval')
    assert.equal(await planStatus(page), 'Status: Submitted')
    await page.assertTextContains(
      'main',
      'This plan has been sent for approval, so it cannot be changed.'
    )
    assert.equal(await page.getByRole('link', { name: 'Posts and people' }).count(), 0)
    await page.assertAccessible()

    // Owen, a capability admin, returns it, first without saying why.
    const adminPage = await pageFor(browser, admin, cleanup, 5_000)
    await adminPage.goto('/')
    await adminPage.assertAccessible()
    await navigateTo(adminPage, 'Workforce')
    await adminPage.assertPath('/workforce/plans')
    const list = adminPage.getByRole('table', {
      name: 'Capability plans, newest financial year first',
    })
    const listed = await rowCells(list, 'Department for Transport')
    assert.deepEqual(listed.slice(0, 4), ['Department for Transport', '2013–14', 'Submitted', '2'])
    await adminPage.assertAccessible()

    await list.getByRole('link', { name: 'Department for Transport' }).click()
    await adminPage.assertPath(planPath)
    await adminPage.assertAccessible()
    await adminPage.getByRole('link', { name: 'Check and submit' }).click()
    await adminPage.assertPath(`${planPath}/check`)
    await adminPage.assertTextContains('h1', 'Department for Transport: plan 2013–14')
    assert.equal(
      await adminPage.getByRole('button', { name: 'Send the plan for approval' }).count(),
      0
    )
    await adminPage.assertAccessible()

    await adminPage.getByRole('button', { name: 'Return the plan' }).click()
    await adminPage.assertPath(`${planPath}/check`)
    const noComment = 'Enter what needs to change before the plan can be approved'
    const adminSummary = await assertErrorSummary(adminPage, assert, 'Department', [noComment])
    assert.equal(
      await adminSummary.getByRole('link', { name: noComment }).getAttribute('href'),
      '#field-comment'
    )
    await adminPage.assertTextContains('#field-comment-error', noComment)
    await plan.refresh()
    assert.equal(plan.status, 'submitted', 'a return without a comment changes nothing')
    await adminPage.assertAccessible()

    const comment = 'Delivery managers: say how the sixth post will be filled.'
    await adminPage.getByLabel('Return the plan with a comment').fill(comment)
    await adminPage.getByRole('button', { name: 'Return the plan' }).click()
    await adminPage.assertPath(planPath)
    assert.equal(await textOf(adminPage.getByRole('status')), 'Plan returned with your comment')
    assert.equal(await planStatus(adminPage), 'Status: Returned')
    await adminPage.assertAccessible()

    // Priya reads the comment, changes a number and sends the plan again.
    await page.reload()
    await page.assertPath(planPath)
    assert.equal(await planStatus(page), 'Status: Returned')
    const returned = page.locator('main div').filter({
      has: page.getByRole('heading', { name: 'The capability team returned this plan' }),
    })
    assert.equal(await textOf(returned), `The capability team returned this plan ${comment}`)
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Posts and people' }).click()
    await page.assertPath(`${planPath}/numbers`)
    assert.equal(await numberInput(page, 'Delivery manager', 'Posts needed').inputValue(), '5')
    await page.assertAccessible()
    await numberInput(page, 'Delivery manager', 'Posts needed').fill('6')
    await page.getByRole('button', { name: 'Save and return to the plan' }).click()
    await page.assertPath(planPath)
    assert.equal(await textOf(page.getByRole('status')), 'Posts and people saved')
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Check and submit' }).click()
    await page.assertPath(`${planPath}/check`)
    const changed = await rowCells(answers, 'Delivery manager')
    assert.deepEqual(changed.slice(0, 2), ['Delivery manager', '6'])
    const newTotals = await rowCells(answers, 'Total')
    assert.equal(newTotals[1], '18')
    await page.assertAccessible()
    await page.getByRole('button', { name: 'Send the plan for approval' }).click()
    await page.assertPath(planPath)
    assert.equal(await planStatus(page), 'Status: Submitted')
    await page.assertAccessible()

    // Owen approves it.
    await adminPage.reload()
    assert.equal(await planStatus(adminPage), 'Status: Submitted')
    await adminPage.assertAccessible()
    await adminPage.getByRole('link', { name: 'Check and submit' }).click()
    await adminPage.assertPath(`${planPath}/check`)
    await adminPage.assertAccessible()
    await adminPage.getByRole('button', { name: 'Approve the plan' }).click()
    await adminPage.assertPath(planPath)
    assert.equal(await textOf(adminPage.getByRole('status')), 'Plan approved')
    assert.equal(await planStatus(adminPage), 'Status: Approved')
    await adminPage.assertAccessible()

    // Priya sees it approved.
    await page.reload()
    assert.equal(await planStatus(page), 'Status: Approved')
    await page.assertTextContains('main', 'This plan has been approved.')
    await page.assertAccessible()

    await plan.refresh()
    assert.equal(plan.status, 'approved')
    assert.equal(plan.submittedBy, hr.id)
    assert.equal(plan.decidedBy, admin.id)
    assert.isNull(plan.decisionComment)
    const saved = await PlanLine.query().where('plan_id', plan.id).preload('roleProfile')
    assert.deepEqual(
      saved.map((line) => [line.roleProfile.name, line.postsNeeded, line.plannedToRecruit]).sort(),
      [
        ['Delivery manager', 6, 1],
        ['Product manager', 12, 3],
      ]
    )
  }).timeout(90_000)

  test('a sent plan shows the figures it was sent and approved with, and today’s beside them', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { dft, hr, admin } = await department()
    const plan = await createCapabilityPlan(dft, 2013)
    const associate = await RoleLevel.findByOrFail('name', 'Associate product manager')
    await createPlanLine(plan, associate.roleProfileId, {
      postsNeeded: 12,
      inPostOverride: null,
      overrideReason: null,
      plannedToRecruit: 3,
      plannedToTrain: 2,
    })
    const level = await RoleLevel.findByOrFail('name', 'Senior product manager')

    // Priya sends the plan with three product managers in post.
    browserContext.setDefaultTimeout(15_000)
    const page = await browserContext.visitAs(hr, `/workforce/plans/${plan.id}/check`)
    await page.getByRole('button', { name: 'Send the plan for approval' }).click()
    await page.assertPath(`/workforce/plans/${plan.id}`)

    // A fourth joins before Owen approves it, and a fifth after.
    await peopleInRole(dft, level.id, 1)
    const adminPage = await pageFor(browser, admin, cleanup, 5_000)
    await adminPage.goto(`/workforce/plans/${plan.id}/check`)
    await adminPage.getByRole('button', { name: 'Approve the plan' }).click()
    await adminPage.assertPath(`/workforce/plans/${plan.id}`)
    await peopleInRole(dft, level.id, 1)

    await page.reload()
    assert.equal(await planStatus(page), 'Status: Approved')
    const table = page.getByRole('table', { name: /The plan so far/ })
    await page.assertTextContains(
      'caption',
      'Figures as they stood when the plan was sent and approved, with today’s count beside them.'
    )
    assert.deepEqual(await rowCells(table, 'Product manager'), [
      'Product manager',
      '12',
      '3 at submission 4 at approval today: 5 Counted from people',
      '9 at submission 8 at approval today: 7',
      '3 In open campaigns: 0 at submission 0 at approval today: 0',
      '2',
    ])
    await page.assertAccessible()
  }).timeout(90_000)
})
