import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createCourse,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import CourseFeedback from '#models/course_feedback'
import { pageFor, pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { accessibleAtBothWidths } from '#tests/support/page_widths'
import { assertAccessibleWithoutJavaScript } from '#tests/support/accessibility'

test.group('Giving and reading course feedback, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner without JavaScript follows their home page task to the form, is told what is missing, sends their answers, and the course admin reads them without the learner’s name', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const provider = await createProvider('Digital Academy', [admin])
    const course = await createCourse({ provider, title: 'Service design basics' })
    const startsAt = DateTime.now().minus({ days: 3 }).set({ hour: 9, minute: 30, second: 0 })
    const session = await createSession({
      course,
      startsAt,
      bookingClosesAt: startsAt.minus({ days: 1 }),
    })
    const learner = await createUser({ overrides: { fullName: 'Priya Okafor' } })
    await createEnrolment(session, learner, { status: 'attended' })

    const page = await pageWithoutJavaScriptFor(browser, learner, cleanup, 15_000)
    await page.goto('/')
    await page.getByRole('link', { name: /Give feedback on courses you attended/ }).click()
    await page.waitForURL(/\/feedback$/)
    assert.equal(await page.locator('h1').textContent(), 'Give feedback on Service design basics')
    await assertAccessibleWithoutJavaScript(browser, page)

    // Sent with nothing chosen: each question says what is missing.
    await page.getByRole('button', { name: 'Send feedback' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.title(), /^Error: /)
    const summary = page.locator('[aria-labelledby="error-summary-title"]')
    assert.include(
      await summary.textContent(),
      'Select how you rate the course overall, from 1 to 5'
    )
    assert.include(
      await summary.textContent(),
      'Select yes if you would recommend the course to a colleague'
    )
    await assertAccessibleWithoutJavaScript(browser, page)

    await page
      .getByRole('group', { name: 'Overall, how would you rate the course?' })
      .getByLabel('4 – Good')
      .check()
    await page
      .getByRole('group', { name: 'How relevant was the course to your role?' })
      .getByLabel('5 – Very relevant')
      .check()
    await page
      .getByRole('group', { name: 'Would you recommend the course to a colleague?' })
      .getByLabel('Yes')
      .check()
    await page.getByLabel('Comments (optional)').fill('Useful exercises on our own service.')
    await page.getByRole('button', { name: 'Send feedback' }).click()
    await page.waitForURL(/\/learning\/my$/)
    assert.include(
      await page.locator('main').textContent(),
      'Thank you for your feedback on Service design basics'
    )
    const saved = await CourseFeedback.query().where('user_id', learner.id).firstOrFail()
    assert.equal(saved.overallRating, 4)

    // The form and its errors at both widths, with scripts on too.
    const other = await createUser()
    const second = await createEnrolment(session, other, { status: 'completed' })
    const withScripts = await pageFor(browser, other, cleanup, 15_000)
    await withScripts.goto(`/learning/enrolments/${second.id}/feedback`)
    await accessibleAtBothWidths(withScripts, assert)
    await withScripts.getByRole('button', { name: 'Send feedback' }).click()
    await withScripts.waitForLoadState('load')
    await accessibleAtBothWidths(withScripts, assert)

    // The course admin reads the results, with the comment and without the name.
    const results = await pageFor(browser, admin, cleanup, 15_000)
    await results.goto('/learning/admin/courses')
    await results.getByRole('link', { name: 'Course feedback' }).click()
    await results.getByRole('link', { name: 'Service design basics' }).click()
    await results.waitForURL(`**/learning/admin/courses/${course.id}/feedback`)
    const main = (await results.locator('main').textContent()) ?? ''
    assert.include(main, 'Useful exercises on our own service.')
    assert.include(main, '4.0 out of 5')
    assert.notInclude(main, 'Priya')
    await accessibleAtBothWidths(results, assert)
    await results.goto('/learning/admin/feedback')
    await accessibleAtBothWidths(results, assert)
  }).timeout(90_000)
})
