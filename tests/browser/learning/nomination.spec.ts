import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import Enrolment from '#models/enrolment'
import { assertErrorSummary } from '#tests/support/error_summary'
import { accessibleAtBothWidths, documentWidth } from '#tests/support/page_widths'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { assertAccessibleWithoutJavaScript } from '#tests/support/accessibility'

test.group('Nominating people on a session, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line manager goes from the course page to book their reports, is told to tick someone, books two and reads what happened to each', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const manager = await createUser({
      organisation: department,
      overrides: { fullName: 'Maya Manager' },
    })
    const names = ['Ada Lovelace', 'Charles Babbage', 'Grace Hopper']
    const reports = []
    for (const fullName of names) {
      reports.push(
        await createUser({
          organisation: department,
          overrides: { fullName, lineManagerId: manager.id },
        })
      )
    }
    const course = await createCourse({ title: 'Working in the open', requiresApproval: true })
    const session = await createSession({ course, capacity: 1 })
    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(manager)

    const page = await visit(`/learning/courses/${course.id}`)
    await page.getByRole('link', { name: /^Book people on Working in the open/ }).click()
    await page.assertTextContains('h1', 'Book people on Working in the open')
    await accessibleAtBothWidths(page, assert)

    await page.getByRole('button', { name: 'Book the people ticked' }).click()
    const summary = await assertErrorSummary(page, assert, 'Book people on Working in the open', [
      'Select the people to book',
    ])
    await accessibleAtBothWidths(page, assert)
    await summary.getByRole('link', { name: 'Select the people to book' }).click()

    await page.getByLabel('Ada Lovelace').check()
    await page.getByLabel('Grace Hopper').check()
    await page.getByRole('button', { name: 'Book the people ticked' }).click()
    await page.assertTextContains('h1', 'People booked on Working in the open')
    await page.assertTextContains(
      '[role="status"]',
      '1 booked, 1 on the waiting list, 0 not booked.'
    )
    const booked = page.getByRole('region', { name: 'Booked (1)' })
    assert.include(await booked.innerText(), 'Ada Lovelace')
    const waiting = page.getByRole('region', { name: 'On the waiting list (1)' })
    assert.include(await waiting.innerText(), 'Grace Hopper')
    assert.include(await waiting.innerText(), 'The session is full: number 1 on the waiting list')
    await accessibleAtBothWidths(page, assert)

    const rows = await Enrolment.query().where('session_id', session.id).orderBy('id')
    assert.deepEqual(
      rows.map((row) => [row.userId, row.status, row.nominatedBy]),
      [
        [reports[0].id, 'booked', manager.id],
        [reports[2].id, 'waitlisted', manager.id],
      ]
    )
  }).timeout(120_000)

  test('without JavaScript, HR go from the nomination page to the people list, tick one person and book them', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const department = await OrganisationFactory.create()
    const hr = await createUser({
      organisation: department,
      roles: ['learner', 'department_hr'],
      overrides: { fullName: 'Hana HR' },
    })
    const zoe = await createUser({
      organisation: department,
      overrides: { fullName: 'Zoe Zhang' },
    })
    await createUser({ organisation: department, overrides: { fullName: 'Yusuf Young' } })
    const course = await createCourse({ title: 'Data ethics' })
    const session = await createSession({ course })
    const page = await pageWithoutJavaScriptFor(browser, hr, cleanup, 15_000)

    await page.goto(`/learning/sessions/${session.id}/nominate`)
    await page.getByRole('link', { name: 'Choose people on the people list' }).click()
    await page.assertTextContains('#nominate-heading', 'Book the people ticked on Data ethics')
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 320, height: 640 },
    ]) {
      await page.setViewportSize(viewport)
      const { scrollWidth, innerWidth } = await documentWidth(page)
      assert.isAtMost(scrollWidth, innerWidth)
      await assertAccessibleWithoutJavaScript(browser, page)
    }

    await page.getByLabel('Select Zoe Zhang').check()
    await page.getByRole('button', { name: 'Book the people ticked' }).click()
    await page.assertTextContains('h1', 'People booked on Data ethics')
    await page.assertTextContains('[role="status"]', '1 booked, 0 not booked.')
    await assertAccessibleWithoutJavaScript(browser, page)
    const rows = await Enrolment.query().where('session_id', session.id)
    assert.deepEqual(
      rows.map((row) => [row.userId, row.nominatedBy]),
      [[zoe.id, hr.id]]
    )
  }).timeout(120_000)
})
