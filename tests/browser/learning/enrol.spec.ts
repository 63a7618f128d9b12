import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import { afterAutofocus, focusedIds } from '#tests/support/focus'
import { navigateTo } from '#tests/support/navigation'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createAudience,
  createCourse,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import Enrolment from '#models/enrolment'
import { rowCells, textOf, textsOf } from '#tests/support/page_text'
import { enrolled } from '#tests/support/enrolments'

const UK = 'Europe/London'

/* A UK morning two weeks ahead: sessions start at 9:30am and end at 4:30pm, UK time. */
function ukMorning(daysAhead = 14) {
  return DateTime.now()
    .setZone(UK)
    .plus({ days: daysAhead })
    .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
}

/* "Tue 15 Jun 2027, 9:30am to 4:30pm": a session as the course page shows it. */
function coursePageWhen(startsAt: DateTime) {
  return `${startsAt.setZone(UK).setLocale('en-GB').toFormat('ccc d LLL yyyy')}, 9:30am to 4:30pm`
}

/* "Tuesday 15 June 2027, 9:30am to 4:30pm": a session as My learning shows it. */
function myLearningWhen(startsAt: DateTime) {
  return `${startsAt.setZone(UK).setLocale('en-GB').toFormat('cccc d LLLL yyyy')}, 9:30am to 4:30pm`
}

/*
 * Four published courses of one provider: two for Product manager (one in
 * a classroom, one online), one for Delivery manager and one for no role.
 */
async function catalogue() {
  const { role: productManager } = await createRole({
    family: 'Product and delivery',
    role: 'Product manager',
    levels: [{ name: 'Product manager', needs: { 'User focus': 3 } }],
  })
  const { role: deliveryManager } = await createRole({
    family: 'Product and delivery',
    role: 'Delivery manager',
    levels: [{ name: 'Delivery manager', needs: { 'Agile working': 3 } }],
  })
  const strategy = await createSkill('Product strategy')
  const provider = await createProvider('Digital Academy')
  const research = await createCourse({
    provider,
    title: 'User research for product teams',
    mode: 'classroom',
    outcomes: { [strategy.id]: 2 },
  })
  const discovery = await createCourse({
    provider,
    title: 'Running a remote discovery',
    mode: 'online',
  })
  const agile = await createCourse({ provider, title: 'Agile delivery in practice' })
  await createCourse({ provider, title: 'Service design essentials', mode: 'blended' })
  await createAudience(research, productManager, 'recommended')
  await createAudience(discovery, productManager, 'mandatory')
  await createAudience(agile, deliveryManager, 'mandatory')
  return { productManager, research, strategy }
}

test.group('Finding a course and booking a place, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner filters the catalogue by role and mode, books a session, downloads its invite, and cancels it with a reason after a missing-reason error', async ({
    browserContext,
    assert,
  }) => {
    const { productManager, research } = await catalogue()
    const startsAt = ukMorning()
    const session = await createSession({ course: research, startsAt, capacity: 12 })
    const learner = await createUser({ roles: ['learner'], overrides: { fullName: 'Priya Shah' } })

    const page = await browserContext.visitAs(learner, '/')
    await page.assertAccessible()
    await navigateTo(page, 'Learning')
    await page.assertPath('/learning/courses')
    await page.assertTextContains('h1', 'Find a course')
    const section = page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current=true]')
    assert.equal(await textOf(section), 'Learning')
    const current = page
      .getByRole('navigation', { name: 'Learning' })
      .locator('a[aria-current=page]')
    assert.equal(await textOf(current), 'Courses')
    const count = page.locator('main [role=status]')
    const titles = page.locator('main ul > li h2')
    assert.equal(await textOf(count), '4 courses found')
    await page.assertAccessible()

    const role = page.getByLabel('Role it is for')
    await role.selectOption({ label: 'Product manager' })
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/[?&]roleProfile=\d+/)
    assert.equal(new URL(page.url()).searchParams.get('roleProfile'), String(productManager.id))
    assert.equal(await textOf(count), '2 courses found')
    assert.deepEqual(await textsOf(titles), [
      'Running a remote discovery',
      'User research for product teams',
    ])
    assert.equal(
      await role.inputValue(),
      String(productManager.id),
      'the role chosen stays selected'
    )
    await page.assertAccessible()

    await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Classroom' })
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/[?&]mode=classroom/)
    const filters = new URL(page.url()).searchParams
    assert.equal(filters.get('roleProfile'), String(productManager.id), 'the role filter is kept')
    assert.equal(filters.get('mode'), 'classroom')
    assert.equal(await textOf(count), '1 course found')
    assert.deepEqual(await textsOf(titles), ['User research for product teams'])
    assert.equal(await role.inputValue(), String(productManager.id))
    assert.equal(await page.getByLabel('Mode', { exact: true }).inputValue(), 'classroom')
    await page.assertTextContains('main ul > li', 'Recommended for Product manager')
    await page.assertAccessible()

    await page.getByRole('link', { name: 'User research for product teams' }).click()
    await page.assertPath(`/learning/courses/${research.id}`)
    await page.assertTextContains('h1', 'User research for product teams')
    const outcomes = page.getByRole('table', {
      name: 'Skills User research for product teams builds, and the level it brings you to',
    })
    assert.deepEqual(await rowCells(outcomes, 'Product strategy'), ['Product strategy', 'Working'])
    const sessions = page.getByRole('table', {
      name: 'Upcoming sessions of User research for product teams, in UK time',
    })
    const when = coursePageWhen(startsAt)
    const cells = await rowCells(sessions, when)
    assert.deepEqual(cells.slice(0, 3), [when, 'Aviation House, London', '12 seats left'])
    await page.assertAccessible()

    await sessions
      .getByRole('link', { name: `Book a place on User research for product teams, ${when}` })
      .click()
    await page.assertPath(`/learning/sessions/${session.id}/enrol`)
    await page.assertTextContains('h1', 'Book a place on User research for product teams')
    await page.assertTextContains('main dl', '12 of 12 seats left')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Confirm booking' }).click()
    await page.assertPath('/learning/my')
    await page.assertTextContains('h1', 'My learning')
    assert.equal(
      await textOf(page.getByRole('status')),
      `You are booked on User research for product teams, ${myLearningWhen(startsAt)}`
    )
    const upcoming = page.getByRole('table', { name: 'Sessions you are booked on, soonest first' })
    const booked = await rowCells(upcoming, 'User research for product teams')
    assert.deepEqual(booked.slice(0, 3), [
      'User research for product teams',
      myLearningWhen(startsAt),
      'Aviation House, London',
    ])
    await page.assertAccessible()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      upcoming
        .getByRole('link', {
          name: 'Download calendar invite for User research for product teams',
        })
        .click(),
    ])
    assert.equal(
      download.suggestedFilename(),
      `${research.code}-${startsAt.toISODate()}.ics`.replace(/[^A-Za-z0-9.-]/g, '-')
    )
    const invite = await readFile((await download.path())!, 'utf8')
    assert.include(invite, 'BEGIN:VCALENDAR')
    assert.include(invite, 'TZID=Europe/London')
    assert.include(invite, `SUMMARY:User research for product teams (${research.code})`)
    assert.include(invite, `DTSTART;TZID=Europe/London:${startsAt.toFormat("yyyyMMdd'T'HHmmss")}`)
    await page.assertPath('/learning/my')

    await upcoming
      .getByRole('link', { name: 'Cancel your booking on User research for product teams' })
      .click()
    const enrolment = await Enrolment.findByOrFail('user_id', learner.id)
    await page.assertPath(`/learning/enrolments/${enrolment.id}/cancel`)
    await page.assertTextContains('h1', 'Cancel your booking')
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Cancel booking' }).click()
    await page.assertPath(`/learning/enrolments/${enrolment.id}/cancel`)
    await page.assertTitleContains('Error: Cancel your booking')
    const summary = page.getByRole('alert')
    assert.equal(await textOf(summary.getByRole('heading')), 'There is a problem')
    assert.deepEqual(await textsOf(summary.getByRole('link')), ['Enter why you are cancelling'])
    await afterAutofocus(page)
    assert.deepEqual(await focusedIds(page), { id: '', labelledBy: 'error-summary-title' })
    const summaryLink = summary.getByRole('link', { name: 'Enter why you are cancelling' })
    assert.equal(await summaryLink.getAttribute('href'), '#field-reason')
    const reason = page.getByLabel('Why are you cancelling?')
    assert.equal(await reason.getAttribute('aria-invalid'), 'true')
    assert.include(await reason.getAttribute('aria-describedby'), 'field-reason-error')
    await page.assertTextContains('#field-reason-error', 'Enter why you are cancelling')
    const unchanged = await Enrolment.findOrFail(enrolment.id)
    assert.equal(unchanged.status, 'booked', 'still booked')
    await page.assertAccessible()

    await summaryLink.click()
    assert.deepInclude(await focusedIds(page), { id: 'field-reason' })
    await reason.fill('My team has a release that week')
    await page.getByRole('button', { name: 'Cancel booking' }).click()

    await page.assertPath('/learning/my')
    assert.equal(
      await textOf(page.getByRole('status')),
      'You have cancelled your booking on User research for product teams'
    )
    assert.equal(await upcoming.count(), 0, 'no upcoming bookings are left')
    await page.assertTextContains('#upcoming-heading + p', 'You have no upcoming bookings.')
    const history = page.getByRole('table', {
      name: 'Your past sessions, requests and cancellations, most recent session first',
    })
    assert.deepEqual(await rowCells(history, 'User research for product teams'), [
      'User research for product teams',
      myLearningWhen(startsAt),
      'Cancelled',
      'My team has a release that week',
    ])
    await page.assertAccessible()
  })

  test('a learner joins the waiting list of a full session and My learning shows their place in the queue', async ({
    browserContext,
    assert,
  }) => {
    const course = await createCourse({ title: 'Accessibility in practice' })
    const startsAt = ukMorning(21)
    const session = await createSession({ course, startsAt, capacity: 1 })
    await enrolled(await createUser({ overrides: { fullName: 'Booked Bea' } }), session.id)
    await enrolled(await createUser({ overrides: { fullName: 'Waiting Will' } }), session.id)
    const learner = await createUser({ roles: ['learner'], overrides: { fullName: 'Tom Reid' } })

    const page = await browserContext.visitAs(learner, `/learning/courses/${course.id}`)
    await page.assertTextContains('h1', 'Accessibility in practice')
    const when = coursePageWhen(startsAt)
    const sessions = page.getByRole('table', {
      name: 'Upcoming sessions of Accessibility in practice, in UK time',
    })
    const cells = await rowCells(sessions, when)
    assert.equal(cells[2], 'Full – join the waiting list (1 waiting)')
    await page.assertAccessible()

    await sessions
      .getByRole('link', { name: `Book a place on Accessibility in practice, ${when}` })
      .click()
    await page.assertPath(`/learning/sessions/${session.id}/enrol`)
    await page.assertTextContains('main dl', 'All 1 seat is taken. 1 person on the waiting list')
    await page.assertTextContains('main form', 'you will be number 2 on the waiting list')
    assert.equal(await page.getByRole('button', { name: 'Confirm booking' }).count(), 0)
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Join the waiting list' }).click()
    await page.assertPath('/learning/my')
    assert.equal(
      await textOf(page.getByRole('status')),
      'You are number 2 on the waiting list for Accessibility in practice'
    )
    const waiting = page.getByRole('table', {
      name: 'Sessions you are on the waiting list for, with your place in the queue',
    })
    assert.deepEqual(await rowCells(waiting, 'Accessibility in practice'), [
      'Accessibility in practice',
      myLearningWhen(startsAt),
      'Number 2',
      'Leave the waiting list for Accessibility in practice',
    ])
    await page.assertTextContains('#upcoming-heading + p', 'You have no upcoming bookings.')
    await page.assertAccessible()
  })

  test('a learner declares learning done elsewhere: an impossible date is refused with what was typed kept, then a real date adds it to the record', async ({
    browserContext,
    assert,
  }) => {
    const learner = await createUser({ roles: ['learner'], overrides: { fullName: 'Nia Jones' } })

    const page = await browserContext.visitAs(learner, '/learning/my')
    await page.getByRole('link', { name: 'Your learning record' }).click()
    await page.assertPath('/learning/record')
    await page.assertTextContains('h1', 'Your learning record')
    await page.assertTextContains('#completed-heading + p', 'Your learning record is empty.')
    await page.assertAccessible()

    const title = page.getByLabel('What was the learning called?')
    const provider = page.getByLabel('Who provided it? (optional)')
    const date = page.getByRole('group', { name: 'When did you complete it?' })
    const evidence = page.getByLabel('Link to evidence (optional)')
    await title.fill('Introduction to service design')
    await provider.fill('Open University')
    await date.getByLabel('Day').fill('31')
    await date.getByLabel('Month').fill('2')
    await date.getByLabel('Year').fill('2024')
    await evidence.fill('https://example.org/certificates/123')
    await page.getByRole('button', { name: 'Add to your learning record' }).click()

    await page.assertPath('/learning/record')
    await page.assertTitleContains('Error: Your learning record')
    const summary = page.getByRole('alert')
    assert.deepEqual(await textsOf(summary.getByRole('link')), [
      'The date you completed it must be a real date',
    ])
    await afterAutofocus(page)
    assert.deepEqual(await focusedIds(page), { id: '', labelledBy: 'error-summary-title' })
    assert.equal(
      await summary.getByRole('link').getAttribute('href'),
      '#field-completedOn',
      'the summary links to the first part of the date'
    )
    await page.assertTextContains(
      '#field-completedOn-error',
      'The date you completed it must be a real date'
    )
    assert.equal(await date.getByLabel('Day').getAttribute('aria-invalid'), 'true')
    assert.include(await date.getAttribute('aria-describedby'), 'field-completedOn-error')
    assert.equal(await title.inputValue(), 'Introduction to service design', 'the title is kept')
    assert.equal(await provider.inputValue(), 'Open University')
    assert.equal(await date.getByLabel('Day').inputValue(), '31')
    assert.equal(await date.getByLabel('Month').inputValue(), '2')
    assert.equal(await date.getByLabel('Year').inputValue(), '2024')
    assert.equal(await evidence.inputValue(), 'https://example.org/certificates/123')
    await page.assertAccessible()

    await summary.getByRole('link').click()
    assert.deepInclude(await focusedIds(page), { id: 'field-completedOn' })
    await date.getByLabel('Day').fill('29')
    await page.getByRole('button', { name: 'Add to your learning record' }).click()

    await page.assertPath('/learning/record')
    assert.notMatch(await page.title(), /^Error:/)
    assert.equal(
      await textOf(page.getByRole('status')),
      'Introduction to service design has been added to your learning record'
    )
    const records = page.getByRole('table', {
      name: 'Learning you have completed, most recent first',
    })
    assert.deepEqual(await rowCells(records, 'Introduction to service design'), [
      'Introduction to service design',
      'Open University',
      '29 February 2024',
      'You',
      'Evidence for Introduction to service design',
    ])
    assert.equal(
      await records
        .getByRole('link', { name: 'Evidence for Introduction to service design' })
        .getAttribute('href'),
      'https://example.org/certificates/123'
    )
    assert.equal(await title.inputValue(), '', 'the form is empty again')
    await page.assertAccessible()
  })
})
