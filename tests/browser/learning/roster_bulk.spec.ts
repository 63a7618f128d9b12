import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createEnrolment, createSession } from '#database/factories/learning_factory'
import type User from '#models/user'
import type Enrolment from '#models/enrolment'
import LearningRecord from '#models/learning_record'
import type CourseSession from '#models/course_session'
import { textOf, textsOf } from '#tests/support/page_text'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { courseAdminAndCourse } from '#tests/support/fixtures/courses'
import { tabTo } from '#tests/support/focus'
import { assertClearingOneLeavesSomeTicked } from '#tests/support/select_everyone'
import { statusOf } from '#tests/support/enrolments'

const UK = 'Europe/London'

/*
 * A session of Digital Academy's course that ran three days ago, from
 * 9:30am to 4:30pm UK time: Ada, Ben and Cal booked, Dee on the waiting list.
 */
async function sessionThatRan() {
  const { admin, course } = await courseAdminAndCourse()
  const startsAt = DateTime.now()
    .setZone(UK)
    .minus({ days: 3 })
    .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
  const session = await createSession({ course, startsAt, capacity: 3 })
  const people: Record<string, User> = {}
  const enrolments: Record<string, Enrolment> = {}
  for (const [key, fullName, status] of [
    ['ada', 'Ada Lovelace', 'booked'],
    ['ben', 'Ben Okri', 'booked'],
    ['cal', 'Cal Evans', 'booked'],
    ['dee', 'Dee Patel', 'waitlisted'],
  ] as const) {
    people[key] = await createUser({ overrides: { fullName } })
    enrolments[key] = await createEnrolment(session, people[key], {
      status,
      activeSessionId: session.id,
      waitlistPosition: status === 'waitlisted' ? 1 : null,
      bookedAt: status === 'booked' ? startsAt.minus({ days: 10 }) : null,
    })
  }
  return { admin, course, session, people, enrolments }
}

function ukDay(session: CourseSession) {
  return session.endsAt.setZone(UK).setLocale('en-GB').toFormat('d LLLL yyyy')
}

test.group('Roster: marking many people at once, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('with the keyboard a course admin selects everyone booked, clears one, records attendance, then records completion on the session’s last day', async ({
    browserContext,
    assert,
  }) => {
    const { admin, session, enrolments } = await sessionThatRan()
    browserContext.setDefaultTimeout(15_000)
    const page = await browserContext.visitAs(admin, `/learning/admin/sessions/${session.id}`)
    await page.assertTextContains('h1', 'Roster for')
    await page.assertAccessible()

    const booked = page.getByRole('table', { name: 'Booked (3)' })
    const everyone = booked.getByRole('checkbox', { name: 'Select everyone booked' })
    await tabTo(page, everyone)
    await page.keyboard.press('Space')
    for (const name of ['Ada Lovelace', 'Ben Okri', 'Cal Evans']) {
      assert.isTrue(await booked.getByRole('checkbox', { name: `Select ${name}` }).isChecked())
    }
    assert.equal(
      await page
        .getByRole('table', { name: 'On the waiting list (1)' })
        .getByRole('checkbox')
        .count(),
      0,
      'no one on the waiting list can be marked'
    )
    await assertClearingOneLeavesSomeTicked(
      assert,
      everyone,
      booked.getByRole('checkbox', { name: 'Select Cal Evans' }),
      'the box for everyone shows that only some are ticked'
    )

    const form = page.getByRole('region', {
      name: 'Record attendance for the people you selected',
    })
    const attendedChoice = form.getByRole('radio', { name: 'Attended' })
    await tabTo(page, attendedChoice)
    await page.keyboard.press('Space')
    assert.isTrue(await attendedChoice.isChecked())
    await tabTo(page, form.getByRole('button', { name: 'Record for the selected people' }))
    await page.keyboard.press('Enter')
    await page.assertPath(`/learning/admin/sessions/${session.id}`)
    assert.equal(
      await textOf(page.getByRole('status')),
      '2 people marked as attended: Ada Lovelace and Ben Okri'
    )
    assert.equal(await statusOf(enrolments.ada), 'attended')
    assert.equal(await statusOf(enrolments.cal), 'booked')
    await page.assertAccessible()

    // The completion date starts as the day the session ended.
    const last = session.endsAt.setZone(UK)
    const date = page.getByRole('group', { name: 'Completion date' })
    assert.deepEqual(
      [
        await date.getByLabel('Day').inputValue(),
        await date.getByLabel('Month').inputValue(),
        await date.getByLabel('Year').inputValue(),
      ],
      [String(last.day), String(last.month), String(last.year)]
    )
    const attended = page.getByRole('table', { name: 'Attended (2)' })
    await attended.getByRole('checkbox', { name: 'Select everyone attended' }).check()
    await page.getByRole('radio', { name: 'Completed the course' }).check()
    await page.getByRole('button', { name: 'Record for the selected people' }).click()
    await page.assertPath(`/learning/admin/sessions/${session.id}`)
    assert.equal(
      await textOf(page.getByRole('status')),
      `2 people marked as completed on ${ukDay(session)}: the course is now on their learning record: Ada Lovelace and Ben Okri`
    )
    const record = await LearningRecord.findByOrFail('enrolment_id', enrolments.ben.id)
    assert.equal(record.completedOn.toISODate(), last.toISODate())
    assert.deepEqual(
      await textsOf(page.getByRole('list', { name: 'People by status' }).getByRole('listitem')),
      [
        'Booked: 1',
        'On the waiting list: 1',
        'Awaiting approval: 0',
        'Attended: 0',
        'Did not attend: 0',
        'Completed: 2',
        'Cancelled: 0',
        'Declined: 0',
      ]
    )
    await page.assertAccessible()
  }).timeout(60_000)

  test('sending the form with no one ticked shows an error summary that takes focus and links to the selection', async ({
    browserContext,
    assert,
  }) => {
    const { admin, session } = await sessionThatRan()
    browserContext.setDefaultTimeout(15_000)
    const page = await browserContext.visitAs(admin, `/learning/admin/sessions/${session.id}`)
    await page.getByRole('radio', { name: 'Did not attend' }).check()
    await page.getByRole('button', { name: 'Record for the selected people' }).click()
    await page.assertTitleContains('Error: Roster')
    const summary = page.getByRole('alert')
    assert.deepEqual(await textsOf(summary.getByRole('link')), ['Select the people to record'])
    await page.assertFocused('error-summary-title')
    await summary.getByRole('link', { name: 'Select the people to record' }).click()
    await page.assertFocused('field-enrolments')
    assert.isTrue(
      await page.getByRole('radio', { name: 'Did not attend' }).isChecked(),
      'the choice is kept'
    )
    await page.assertAccessible()
  }).timeout(60_000)

  test('without JavaScript the box for everyone booked marks everyone listed in the table', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { admin, session, enrolments } = await sessionThatRan()
    const page = await pageWithoutJavaScriptFor(browser, admin, cleanup, 15_000)
    await page.goto(`/learning/admin/sessions/${session.id}`)
    await page.assertTextContains('h1', 'Roster for')
    const booked = page.getByRole('table', { name: 'Booked (3)' })
    await booked.getByRole('checkbox', { name: 'Select everyone booked' }).check()
    assert.isFalse(
      await booked.getByRole('checkbox', { name: 'Select Ada Lovelace' }).isChecked(),
      'nothing ticks the rows without JavaScript'
    )
    await page.getByRole('radio', { name: 'Did not attend' }).check()
    await page.getByRole('button', { name: 'Record for the selected people' }).click()
    await page.assertPath(`/learning/admin/sessions/${session.id}`)
    assert.equal(
      await textOf(page.getByRole('status')),
      '3 people marked as a no-show: Ada Lovelace, Ben Okri and Cal Evans'
    )
    for (const key of ['ada', 'ben', 'cal']) {
      assert.equal(await statusOf(enrolments[key]), 'no_show')
    }
    assert.equal(await statusOf(enrolments.dee), 'waitlisted')
  }).timeout(60_000)
})
