import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { afterAutofocus, focusedIds } from '#tests/support/focus'
import { navigateTo } from '#tests/support/navigation'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createProvider, createSession } from '#database/factories/learning_factory'
import { createSkill } from '#database/factories/framework_factory'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import { enrol } from '#actions/learning/enrol'
import { rowCells, textOf, textsOf } from '#tests/support/page_text'
import { pageFor } from '#tests/support/browser_sign_in'
import { courseAdminAndCourse } from '#tests/support/fixtures/courses'
import { dateGroup, fillDate } from '#tests/support/date_input'

const UK = 'Europe/London'

/* "Thu 10 Dec 2026, 09:30": a session's start as the course admin's pages list it. */
function adminStarts(startsAt: DateTime) {
  return startsAt.setZone(UK).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm')
}

/* "Thu 10 Dec 2026 at 09:30": a session's start as its roster and cancel pages name it. */
function adminStartsAt(startsAt: DateTime) {
  return startsAt.setZone(UK).setLocale('en-GB').toFormat("ccc d LLL yyyy 'at' HH:mm")
}

test.group('Managing courses, sessions and attendance, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin adds a course after an empty-form error, lists a skill it builds, adds a session after date errors, sees it in the catalogue, then cancels it with a reason', async ({
    browserContext,
    assert,
  }) => {
    const admin = await createUser({
      roles: ['course_admin'],
      overrides: { fullName: 'Cara Hill' },
    })
    await createProvider('Digital Academy', [admin])
    await createSkill('Data visualisation', 'Data')

    const page = await browserContext.visitAs(admin, '/')
    await page.assertAccessible()
    await navigateTo(page, 'Learning', 'Manage courses')
    await page.assertPath('/learning/admin/courses')
    await page.assertTextContains('h1', 'Manage courses')
    assert.equal(
      await textOf(page.locator('main [role=status]')),
      '0 courses found. 0 draft, 0 published, 0 archived.'
    )
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Add a course' }).click()
    await page.assertPath('/learning/admin/courses/create')
    await page.assertTextContains('h1', 'Add a course')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Add course' }).click()
    await page.assertPath('/learning/admin/courses/create')
    await page.assertTitleContains('Error: Add a course')
    const summary = page.getByRole('alert')
    assert.deepEqual(await textsOf(summary.getByRole('link')), [
      'Enter a course code',
      'Enter a course title',
      'Enter a summary of the course',
      'Select how the course is delivered',
      'Enter the length of the course in hours',
      'Enter the cost in pounds, or 0 if the course is free',
      'Select yes if learners need their line manager’s approval',
    ])
    await afterAutofocus(page)
    assert.deepEqual(await focusedIds(page), { id: '', labelledBy: 'error-summary-title' })
    assert.equal(
      await summary.getByRole('link', { name: 'Enter a course code' }).getAttribute('href'),
      '#field-code'
    )
    assert.equal(
      await summary
        .getByRole('link', { name: 'Select how the course is delivered' })
        .getAttribute('href'),
      '#field-mode',
      'a radio group’s error links to its first radio'
    )
    const code = page.getByLabel('Course code')
    assert.equal(await code.getAttribute('aria-invalid'), 'true')
    await page.assertTextContains('#field-code-error', 'Enter a course code')
    const modes = page.getByRole('group', { name: 'How the course is delivered' })
    assert.include(await modes.getAttribute('aria-describedby'), 'field-mode-error')
    const status = page.getByRole('group', { name: 'Status' })
    assert.isTrue(
      await status.getByRole('radio', { name: /^Draft/ }).isChecked(),
      'the status keeps its default'
    )
    await page.assertAccessible()

    await code.fill('DATA-VIZ-1')
    await page.getByLabel('Title', { exact: true }).fill('Data visualisation for analysts')
    await page
      .getByLabel('Summary', { exact: true })
      .fill('Charts and dashboards that answer real questions.')
    await modes.getByRole('radio', { name: 'Classroom' }).check()
    await page.getByLabel('Length in hours').fill('7')
    await page.getByLabel('Cost per learner, in pounds').fill('450')
    await page
      .getByRole('group', { name: 'Do learners need their line manager’s approval to book?' })
      .getByRole('radio', { name: 'No' })
      .check()
    await status.getByRole('radio', { name: /^Published/ }).check()
    await page.getByRole('button', { name: 'Add course' }).click()

    const course = await Course.findByOrFail('code', 'DATA-VIZ-1')
    await page.assertPath(`/learning/admin/courses/${course.id}/edit`)
    assert.equal(
      await textOf(page.getByRole('status')),
      'Course added: DATA-VIZ-1 Data visualisation for analysts'
    )
    await page.assertTextContains('h1', 'Change Data visualisation for analysts')
    await page.assertTextContains(
      '#sessions',
      'Data visualisation for analysts has no sessions yet.'
    )
    await page.assertAccessible()

    await page.getByLabel('Skill', { exact: true }).selectOption({ label: 'Data visualisation' })
    await page
      .getByRole('group', { name: 'Level learners reach' })
      .getByRole('radio', { name: 'Practitioner' })
      .check()
    await page.getByRole('button', { name: 'Add skill' }).click()
    await page.assertPath(`/learning/admin/courses/${course.id}/edit`)
    assert.equal(
      await textOf(page.getByRole('status')),
      'Data visualisation for analysts now brings learners to Practitioner in Data visualisation'
    )
    const outcomes = page.getByRole('table', {
      name: 'Skills Data visualisation for analysts builds and the level it brings learners to',
    })
    const outcome = await rowCells(outcomes, 'Data visualisation')
    assert.deepEqual(outcome.slice(0, 2), ['Data visualisation', 'Practitioner'])
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Add a session' }).click()
    await page.assertPath(`/learning/admin/courses/${course.id}/sessions/create`)
    await page.assertTextContains('h1', 'Add a session')
    await page.assertAccessible()

    const starts = page.getByRole('group', { name: 'Starts' })
    const ends = page.getByRole('group', { name: 'Ends' })
    const today = DateTime.now().setZone(UK)
    await fillDate(starts, 'Date', today.minus({ days: 1 }).toISODate()!)
    await starts.getByLabel('Time').fill('09:30')
    await ends.getByLabel('Time').fill('08:00')
    await page.getByLabel('Venue', { exact: true }).fill('Aviation House')
    await page.getByLabel('Town or city (optional)').fill('London')
    await page.getByLabel('Number of places').fill('12')
    await page.getByRole('button', { name: 'Add session' }).click()

    await page.assertPath(`/learning/admin/courses/${course.id}/sessions/create`)
    await page.assertTitleContains('Error: Add a session of Data visualisation for analysts')
    assert.deepEqual(await textsOf(summary.getByRole('link')), [
      'The session must start in the future',
      'The session must end after it starts',
    ])
    await afterAutofocus(page)
    assert.deepEqual(await focusedIds(page), { id: '', labelledBy: 'error-summary-title' })
    assert.deepEqual(
      await summary
        .getByRole('link')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
      ['#field-startDate', '#field-endTime']
    )
    assert.equal(
      await dateGroup(starts, 'Date').getByLabel('Day').getAttribute('aria-invalid'),
      'true'
    )
    await page.assertTextContains('#field-startDate-error', 'The session must start in the future')
    assert.equal(await ends.getByLabel('Time').getAttribute('aria-invalid'), 'true')
    await page.assertTextContains('#field-endTime-error', 'The session must end after it starts')
    assert.isNull(await starts.getByLabel('Time').getAttribute('aria-invalid'))
    assert.equal(await starts.getByLabel('Time').inputValue(), '09:30', 'what was typed is kept')
    assert.equal(await page.getByLabel('Venue', { exact: true }).inputValue(), 'Aviation House')
    assert.equal(await page.getByLabel('Number of places').inputValue(), '12')
    await page.assertAccessible()

    const startsAt = today
      .plus({ days: 10 })
      .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
    await fillDate(starts, 'Date', startsAt.toISODate()!)
    await ends.getByLabel('Time').fill('16:30')
    await page.getByRole('button', { name: 'Add session' }).click()

    await page.assertPath(`/learning/admin/courses/${course.id}/edit`)
    assert.equal(await textOf(page.getByRole('status')), `Session added: ${adminStarts(startsAt)}`)
    const sessions = page.getByRole('table', {
      name: 'Sessions of Data visualisation for analysts, soonest first, in UK time',
    })
    assert.deepEqual(await rowCells(sessions, adminStarts(startsAt)), [
      adminStarts(startsAt),
      'Aviation House, London',
      '0 of 12',
      '0',
      '0',
      'Scheduled',
      `Roster for ${adminStarts(startsAt)} Change the session on ${adminStarts(startsAt)} Cancel the session on ${adminStarts(startsAt)}`,
    ])
    await page.assertAccessible()

    await page.goto(`/learning/courses/${course.id}`)
    await page.assertTextContains('h1', 'Data visualisation for analysts')
    const publicOutcomes = page.getByRole('table', {
      name: 'Skills Data visualisation for analysts builds, and the level it brings you to',
    })
    assert.deepEqual(await rowCells(publicOutcomes, 'Data visualisation'), [
      'Data visualisation',
      'Practitioner',
    ])
    const when = `${startsAt.setLocale('en-GB').toFormat('ccc d LLL yyyy')}, 9:30am to 4:30pm`
    const upcoming = page.getByRole('table', {
      name: 'Upcoming sessions of Data visualisation for analysts, in UK time',
    })
    const listed = await rowCells(upcoming, when)
    assert.deepEqual(listed.slice(0, 3), [when, 'Aviation House, London', '12 seats left'])
    assert.equal(
      await upcoming
        .getByRole('link', { name: `Book a place on Data visualisation for analysts, ${when}` })
        .count(),
      1
    )
    await page.assertAccessible()

    await page.goBack()
    await sessions
      .getByRole('link', { name: `Cancel the session on ${adminStarts(startsAt)}` })
      .click()
    const session = await CourseSession.findByOrFail('course_id', course.id)
    await page.assertPath(`/learning/admin/sessions/${session.id}/cancel`)
    await page.assertTextContains('h1', `Cancel the session on ${adminStartsAt(startsAt)}`)
    await page.assertTextContains('main', 'No one is booked on this session.')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Cancel the session' }).click()
    await page.assertPath(`/learning/admin/sessions/${session.id}/cancel`)
    await page.assertTitleContains('Error: Cancel the session on')
    assert.deepEqual(await textsOf(summary.getByRole('link')), ['Enter the reason for cancelling'])
    const reason = page.getByLabel('Reason for cancelling')
    assert.equal(await reason.getAttribute('aria-invalid'), 'true')
    await page.assertTextContains('#field-reason-error', 'Enter the reason for cancelling')
    const unchanged = await CourseSession.findOrFail(session.id)
    assert.equal(unchanged.status, 'scheduled', 'the session still runs')
    await page.assertAccessible()

    await reason.fill('The trainer is ill')
    await page.getByRole('button', { name: 'Cancel the session' }).click()
    await page.assertPath(`/learning/admin/courses/${course.id}/edit`)
    assert.equal(await textOf(page.getByRole('status')), 'Session cancelled: 0 people were told')
    const cancelled = await rowCells(sessions, adminStarts(startsAt))
    assert.equal(cancelled[5], 'Cancelled')
    assert.equal(cancelled[6], `Roster for ${adminStarts(startsAt)}`, 'only the roster is offered')
    await page.assertAccessible()

    await sessions.getByRole('link', { name: `Roster for ${adminStarts(startsAt)}` }).click()
    await page.assertPath(`/learning/admin/sessions/${session.id}`)
    await page.assertTextContains(
      'main',
      `This session was cancelled on ${today.setLocale('en-GB').toFormat('d LLL yyyy')}. Reason: The trainer is ill`
    )
    await page.assertAccessible()

    await page.goto(`/learning/courses/${course.id}`)
    assert.equal(await upcoming.count(), 0, 'the cancelled session is no longer offered')
    await page.assertTextContains('main', 'No sessions are scheduled at the moment.')
    await page.assertAccessible()
  })

  test('on the roster of a session that has started, a course admin marks a booked learner attended and then completed, and the course joins their learning record', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { admin, course } = await courseAdminAndCourse()
    const session = await createSession({ course, capacity: 10 })
    const learner = await createUser({ overrides: { fullName: 'Lena Ward' } })
    const booking = await enrol(learner, session.id)
    assert.equal(booking.type, 'booked')
    // The session began an hour ago.
    const startsAt = DateTime.now().minus({ hours: 1 }).set({ second: 0, millisecond: 0 })
    session.merge({
      startsAt,
      endsAt: startsAt.plus({ hours: 7 }),
      bookingClosesAt: startsAt.minus({ days: 1 }),
    })
    await session.save()

    const page = await browserContext.visitAs(admin, '/learning/admin/courses')
    await page.getByRole('link', { name: 'Data visualisation for analysts' }).click()
    await page.assertPath(`/learning/admin/courses/${course.id}/edit`)
    const sessions = page.getByRole('table', {
      name: 'Sessions of Data visualisation for analysts, soonest first, in UK time',
    })
    const row = await rowCells(sessions, adminStarts(startsAt))
    assert.deepEqual(row.slice(2, 7), [
      '1 of 10',
      '0',
      '0',
      'Started',
      `Roster for ${adminStarts(startsAt)} Change the session on ${adminStarts(startsAt)}`,
    ])
    await page.assertAccessible()

    await sessions.getByRole('link', { name: `Roster for ${adminStarts(startsAt)}` }).click()
    await page.assertPath(`/learning/admin/sessions/${session.id}`)
    await page.assertTextContains('h1', `Roster for ${adminStartsAt(startsAt)}`)
    const byStatus = page.getByRole('list', { name: 'People by status' })
    assert.include(await textsOf(byStatus.getByRole('listitem')), 'Booked: 1')
    const booked = page.getByRole('table', { name: 'Booked (1)' })
    // The first cell ticks Lena for marking many people at once.
    const [select, ...lena] = await rowCells(booked, /^Lena Ward/)
    assert.equal(select, 'Select Lena Ward')
    assert.equal(lena[0], `Lena Ward ${learner.email}`)
    assert.equal(
      lena[3],
      'Mark attended for Lena Ward Mark no-show for Lena Ward Cancel booking for Lena Ward'
    )
    await page.assertAccessible()

    await booked.getByRole('button', { name: 'Mark attended for Lena Ward' }).click()
    await page.assertPath(`/learning/admin/sessions/${session.id}`)
    assert.equal(await textOf(page.getByRole('status')), 'Lena Ward marked as attended')
    assert.equal(await booked.count(), 0, 'no one is left only booked')
    const attended = page.getByRole('table', { name: 'Attended (1)' })
    const [, , , , nextSteps] = await rowCells(attended, /^Lena Ward/)
    assert.equal(nextSteps, 'Mark no-show for Lena Ward Mark completed for Lena Ward')
    await page.assertAccessible()

    await attended.getByRole('button', { name: 'Mark completed for Lena Ward' }).click()
    await page.assertPath(`/learning/admin/sessions/${session.id}`)
    assert.equal(
      await textOf(page.getByRole('status')),
      'Lena Ward marked as completed: the course is now on their learning record'
    )
    const completed = page.getByRole('table', { name: 'Completed (1)' })
    const done = await rowCells(completed, /^Lena Ward/)
    assert.equal(done[3], '', 'nothing more to mark')
    assert.equal(await attended.count(), 0)
    await page.assertAccessible()

    const record = await pageFor(browser, learner, cleanup)
    await record.goto('/learning/record')
    await record.assertTextContains('h1', 'Your learning record')
    const records = record.getByRole('table', {
      name: 'Learning you have completed, most recent first',
    })
    const today = DateTime.now().setZone(UK).setLocale('en-GB')
    assert.deepEqual(await rowCells(records, 'Data visualisation for analysts'), [
      'Data visualisation for analysts',
      'Digital Academy',
      today.toFormat('d LLLL yyyy'),
      'Course team',
      '',
    ])
    assert.equal(
      await records
        .getByRole('link', { name: 'Data visualisation for analysts' })
        .getAttribute('href'),
      `/learning/courses/${course.id}`
    )
    const claims = record.getByRole('table', {
      name: 'Skill levels waiting for your line manager to confirm',
    })
    assert.deepEqual(await rowCells(claims, 'Data visualisation'), [
      'Data visualisation',
      'Practitioner (3)',
      'Data visualisation for analysts',
      today.toFormat('d LLLL yyyy'),
    ])
    await record.assertAccessible()
  })
})
