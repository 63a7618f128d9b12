import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCompletion, createCourse } from '#database/factories/learning_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { assertErrorSummary } from '#tests/support/error_summary'
import { accessibleAtBothWidths } from '#tests/support/page_widths'

test.group('Required learning, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR require a course of the senior grades, are told what is missing, and read its compliance at both widths', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { departmentA, agencyA, hrA } = await twoDepartments({ learners: true })
    await createCourse({ title: 'Digital for senior leaders' })
    const done = await createUser({
      organisation: agencyA,
      overrides: { grade: 'SCS2', fullName: 'Dana Done' },
    })
    await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS1', fullName: 'Noor Notyet' },
    })
    const course = await createCourse({ title: 'Leading digital change' })
    await createCompletion(done, course)
    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(hrA)

    const page = await visit('/learning/requirements')
    await page.assertTextContains('h1', 'Required learning')
    await accessibleAtBothWidths(page, assert)
    await page.getByRole('link', { name: 'Require a course' }).click()
    await page.assertTextContains('h1', 'Require a course')
    await accessibleAtBothWidths(page, assert)

    await page.getByLabel('Course').selectOption({ label: `${course.title} (${course.code})` })
    await page.getByLabel('Grades', { exact: true }).check()
    await page.getByRole('button', { name: 'Require course' }).click()
    await assertErrorSummary(page, assert, 'Require a course', [
      'Select at least one grade the course is required of',
      'Select how the due date is set',
    ])
    await accessibleAtBothWidths(page, assert)

    await page.getByLabel('By a fixed date').check()
    for (const grade of ['Senior Civil Service 1', 'Senior Civil Service 2']) {
      await page.getByLabel(grade).check()
    }
    const year = String(new Date().getFullYear() + 1)
    const due = page.getByRole('group', { name: 'Due date (if by a fixed date)' })
    await due.getByLabel('Day').fill('31')
    await due.getByLabel('Month').fill('3')
    await due.getByLabel('Year').fill(year)
    await page.getByRole('button', { name: 'Require course' }).click()

    await page.assertTextContains('h1', 'Leading digital change')
    await page.assertTextContains('body', 'Requirement set')
    await page.assertTextContains('#requirement-people-table', 'Dana Done')
    await page.assertTextContains('#requirement-people-table', 'Noor Notyet')
    await accessibleAtBothWidths(page, assert)

    await page
      .getByRole('combobox', { name: 'State', exact: true })
      .selectOption({ label: 'Completed' })
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.assertTextContains('#requirement-people-table', 'Dana Done')
    assert.notInclude(await page.locator('#requirement-people-table').innerText(), 'Noor Notyet')
  })
})
