import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { activeElement, afterAutofocus, tabUntil } from '#tests/support/focus'
import { navigateTo, sectionLinks } from '#tests/support/navigation'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import Enrolment from '#models/enrolment'
import { enrol } from '#actions/learning/enrol'
import { managerAndLearner } from '#tests/support/fixtures/learner_and_manager'
import { rowCells, textOf, textsOf } from '#tests/support/page_text'
import { pageFor } from '#tests/support/browser_sign_in'
import { summaryValue } from '#tests/support/summary_list'

const UK = 'Europe/London'

/* "Tuesday 15 June 2027, 9:30am to 4:30pm": a session as My learning and Approvals show it. */
function spokenWhen(startsAt: DateTime) {
  return `${startsAt.setZone(UK).setLocale('en-GB').toFormat('cccc d LLLL yyyy')}, 9:30am to 4:30pm`
}

test.group('Asking for and deciding a place that needs approval, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner asks to go with a note; their line manager declines another request by keyboard after a missing-reason error, approves theirs, and the learner is booked', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { manager, learner: ava } = await managerAndLearner()
    const ben = await createUser({
      roles: ['learner'],
      overrides: { fullName: 'Ben Carter', lineManagerId: manager.id },
    })
    const course = await createCourse({
      title: 'Leading agile teams',
      requiresApproval: true,
      costPence: 125000,
    })
    const startsAt = DateTime.now()
      .setZone(UK)
      .plus({ days: 14 })
      .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
    const session = await createSession({ course, startsAt, capacity: 8 })
    const bens = await enrol(ben, session.id, { note: 'It would help me run our stand-ups.' })
    if (bens.type !== 'requested') throw new Error(`Ben's request was not sent: ${bens.type}`)
    const when = spokenWhen(startsAt)

    // Ava asks for a place.
    const learner = await browserContext.visitAs(ava, `/learning/courses/${course.id}`)
    await learner.assertTextContains('h1', 'Leading agile teams')
    await learner.assertTextContains('main', 'This course needs your line manager’s approval.')
    assert.deepEqual(
      await sectionLinks(learner, 'Learning'),
      ['Courses', 'My learning'],
      'Ava manages no one: no Approvals'
    )
    await learner.assertAccessible()

    await learner.getByRole('link', { name: /^Book a place on Leading agile teams,/ }).click()
    await learner.assertPath(`/learning/sessions/${session.id}/enrol`)
    await learner.assertTextContains('h1', 'Ask to go on Leading agile teams')
    assert.equal(
      await summaryValue(learner.locator('main'), 'Line manager approval'),
      'Needed from your line manager, Morgan Lee'
    )
    assert.equal(await summaryValue(learner.locator('main'), 'Cost'), '£1,250')
    await learner.assertAccessible()

    await learner
      .getByLabel('Note to your line manager (optional)')
      .fill('I am about to lead a new team.')
    await learner.getByRole('button', { name: 'Send request' }).click()
    await learner.assertPath('/learning/my')
    assert.equal(
      await textOf(learner.getByRole('status')),
      'Your request has been sent to Morgan Lee'
    )
    await learner.assertTextContains('#requested-heading', 'Requests waiting for approval')
    const requested = learner.getByRole('table', {
      name: 'Requests waiting for Morgan Lee to approve',
    })
    const request = await rowCells(requested, 'Leading agile teams')
    assert.equal(request[1], when)
    assert.equal(request[3], 'Morgan Lee')
    assert.equal(request[4], 'Withdraw your request for Leading agile teams')
    await learner.assertTextContains('#upcoming-heading + p', 'You have no upcoming bookings.')
    await learner.assertAccessible()
    const avas = await Enrolment.query()
      .where('user_id', ava.id)
      .where('session_id', session.id)
      .firstOrFail()
    assert.equal(avas.status, 'requested')

    // Morgan decides.
    const page = await pageFor(browser, manager, cleanup)
    await page.goto('/')
    await page.assertAccessible()
    await navigateTo(page, 'Learning')
    assert.include(await sectionLinks(page, 'Learning'), 'Approvals')
    await navigateTo(page, 'Learning', 'Approvals')
    await page.assertPath('/learning/approvals')
    await page.assertTextContains('h1', 'Requests to approve')
    await page.assertTextContains(
      'main',
      '2 requests from people who report to you are waiting for your decision, oldest first.'
    )
    assert.deepEqual(await textsOf(page.locator('main h2')), [
      'Ben Carter: Leading agile teams',
      'Ava Patel: Leading agile teams',
    ])
    const avaRequest = page.getByRole('region', { name: 'Ava Patel: Leading agile teams' })
    assert.equal(await summaryValue(avaRequest, 'Their note'), 'I am about to lead a new team.')
    assert.equal(await summaryValue(avaRequest, 'Session'), `${when} (UK time)`)
    assert.equal(await summaryValue(avaRequest, 'Cost'), '£1,250')
    assert.equal(await summaryValue(avaRequest, 'Seats left'), '8 of 8')
    await page.assertAccessible()

    const declineBen = 'Decline Ben Carter’s request for Leading agile teams'
    await tabUntil(
      page,
      'Decline for Ben',
      (el) => el.tag === 'button' && el.text === declineBen,
      40
    )
    await page.keyboard.press('Enter')

    await page.assertPath('/learning/approvals')
    await page.assertTitleContains('Error: Requests to approve')
    const summary = page.getByRole('alert')
    const message = 'Enter why you are declining Ben Carter’s request'
    assert.deepEqual(await textsOf(summary.getByRole('link')), [message])
    await afterAutofocus(page)
    assert.deepInclude(
      await activeElement(page),
      { labelledBy: 'error-summary-title' },
      'the error summary has focus'
    )
    const reasonId = `field-reason-${bens.enrolment.id}`
    assert.equal(await summary.getByRole('link').getAttribute('href'), `#${reasonId}`)
    const benReason = page.getByLabel('Reason for declining Ben Carter’s request')
    assert.equal(await benReason.getAttribute('id'), reasonId)
    assert.equal(await benReason.getAttribute('aria-invalid'), 'true')
    assert.include(await benReason.getAttribute('aria-describedby'), `${reasonId}-error`)
    await page.assertTextContains(`#${reasonId}-error`, message)
    assert.isNull(
      await page
        .getByLabel('Reason for declining Ava Patel’s request')
        .getAttribute('aria-invalid'),
      'only the form that was sent shows the error'
    )
    assert.equal(await page.locator('main h2', { hasText: 'Leading agile teams' }).count(), 2)
    await page.assertAccessible()

    await page.keyboard.press('Tab')
    assert.deepInclude(await activeElement(page), { text: message })
    await page.keyboard.press('Enter')
    assert.deepInclude(await activeElement(page), { id: reasonId }, 'the link moves focus to it')
    await page.keyboard.type('The team cannot spare you this quarter.')
    await page.keyboard.press('Tab')
    assert.deepInclude(await activeElement(page), { tag: 'button', text: declineBen })
    await page.keyboard.press('Enter')

    await page.assertPath('/learning/approvals')
    assert.notMatch(await page.title(), /^Error:/)
    assert.equal(
      await textOf(page.getByRole('status')),
      'You declined Ben Carter’s request for Leading agile teams'
    )
    assert.deepEqual(await textsOf(page.locator('main h2')), ['Ava Patel: Leading agile teams'])
    await page.assertAccessible()

    await page
      .getByRole('button', { name: 'Approve Ava Patel’s request for Leading agile teams' })
      .click()
    await page.assertPath('/learning/approvals')
    assert.equal(
      await textOf(page.getByRole('status')),
      'You approved Ava Patel’s request: they are booked on Leading agile teams'
    )
    await page.assertTextContains('main', 'There are no requests waiting for your decision.')
    await page.assertAccessible()

    // Ava is booked; Ben sees why he was not.
    await learner.reload()
    await learner.assertPath('/learning/my')
    const upcoming = learner.getByRole('table', {
      name: 'Sessions you are booked on, soonest first',
    })
    const booked = await rowCells(upcoming, 'Leading agile teams')
    assert.deepEqual(booked.slice(0, 3), ['Leading agile teams', when, 'Aviation House, London'])
    assert.equal(await requested.count(), 0, 'no request waits any more')
    await learner.assertAccessible()

    const benPage = await pageFor(browser, ben, cleanup)
    await benPage.goto('/learning/my')
    const history = benPage.getByRole('table', {
      name: 'Your past sessions, requests and cancellations, most recent session first',
    })
    assert.deepEqual(await rowCells(history, 'Leading agile teams'), [
      'Leading agile teams',
      when,
      'Declined',
      'The team cannot spare you this quarter.',
    ])
    await benPage.assertAccessible()
  })
})
