import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createCompletion,
  createCourse,
  createEnrolment,
  createSession,
} from '#database/factories/learning_factory'
import Enrolment from '#models/enrolment'
import type Course from '#models/course'
import type User from '#models/user'
import type CourseSession from '#models/course_session'
import type { ApiClient } from '@japa/api-client'
import { submitAs } from '#tests/support/forms'
import { enrolled } from '#tests/support/enrolments'

/* 8:30 UTC on 14 July next year: 9:30am in London, where it is summer time. */
function nextJuly() {
  return DateTime.fromObject(
    { year: DateTime.now().year + 1, month: 7, day: 14, hour: 8, minute: 30 },
    { zone: 'utc' }
  )
}

async function enrolmentsOn(sessionId: number) {
  return Enrolment.query().where('session_id', sessionId).orderBy('id')
}

/* The course on the learner's learning record, completed through an earlier session on the day given. */
async function completedBefore(learner: User, course: Course, completedOn: string) {
  return createCompletion(learner, course, {
    providerName: 'Provider',
    completedOn: DateTime.fromISO(completedOn),
  })
}

/* A learner's booking (or request) sent from a session's enrol page. */
function enrolFromPage(
  client: ApiClient,
  learner: User,
  session: CourseSession,
  fields?: Record<string, unknown>
) {
  return submitAs(client, learner).post(`/learning/sessions/${session.id}/enrolments`, fields)
}

test.group('Enrolling through the pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the confirmation page shows the course, the time in UK time, the place and the seats left', async ({
    client,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Agile for teams' })
    const session = await createSession({ course, startsAt: nextJuly(), capacity: 12 })
    await enrolled(await createUser(), session.id)

    const response = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Book a place on Agile for teams</h1>')
    const day = nextJuly().setZone('Europe/London').toFormat('cccc d LLLL yyyy')
    response.assertTextIncludes(`${day}, 9:30am to 4:30pm (UK time)`)
    response.assertTextIncludes('Aviation House, London')
    response.assertTextIncludes('11 of 12 seats left')
    response.assertTextIncludes('Not needed')
    response.assertTextIncludes('Confirm booking')
    response.assertTextIncludes(`action="/learning/sessions/${session.id}/enrolments"`)
  })

  test('booking a session with a free seat books the learner and says so on my learning', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession({ course: await createCourse({ title: 'Data basics' }) })
    const response = await enrolFromPage(client, learner, session)
    response.assertStatus(302)
    response.assertHeader('location', '/learning/my')
    const flash = response.flashMessages().success as string
    assert.match(flash, /^You are booked on Data basics, /)

    const [enrolment] = await enrolmentsOn(session.id)
    assert.equal(enrolment.userId, learner.id)
    assert.equal(enrolment.status, 'booked')
  })

  test('a full session offers the waiting list, and joining it gives the learner their position', async ({
    client,
    assert,
  }) => {
    const session = await createSession({
      capacity: 1,
      course: await createCourse({ title: 'Cloud foundations' }),
    })
    await enrolled(await createUser(), session.id)
    await enrolled(await createUser(), session.id)
    const learner = await createUser()

    const page = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    page.assertTextIncludes('All 1 seat is taken. 1 person on the waiting list')
    page.assertTextIncludes('you will be number 2 on the waiting list')
    page.assertTextIncludes('Join the waiting list')

    const response = await enrolFromPage(client, learner, session)
    response.assertHeader('location', '/learning/my')
    response.assertFlashMessage(
      'success',
      'You are number 2 on the waiting list for Cloud foundations'
    )
    const mine = await Enrolment.query().where('user_id', learner.id).firstOrFail()
    assert.equal(mine.status, 'waitlisted')
    assert.equal(mine.waitlistPosition, 2)
  })

  test('a course that needs approval sends a request, with its note, to the named line manager', async ({
    client,
    assert,
  }) => {
    const manager = await createUser({ overrides: { fullName: 'Maria Manager' } })
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const session = await createSession({
      course: await createCourse({ title: 'Leading change', requiresApproval: true }),
    })

    const page = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    page.assertTextIncludes('<h1>Ask to go on Leading change</h1>')
    page.assertTextIncludes('Needed from your line manager, Maria Manager')
    page.assertTextIncludes('name="note"')
    page.assertTextIncludes('Send request')

    const response = await enrolFromPage(client, learner, session, {
      note: 'I lead a team from April',
    })
    response.assertHeader('location', '/learning/my')
    response.assertFlashMessage('success', 'Your request has been sent to Maria Manager')
    const [request] = await enrolmentsOn(session.id)
    assert.equal(request.status, 'requested')
    assert.equal(request.requestNote, 'I lead a team from April')
  })

  test('a session with no approval needed does not offer a note to the manager', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession()
    const page = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    assert.notInclude(page.text(), 'name="note"')
  })

  test('enrolling twice sends the learner to my learning with an explanation and no second enrolment', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession({ course: await createCourse({ title: 'Python' }) })
    await enrolled(learner, session.id)

    const page = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    page.assertTextIncludes('You already have this session in your learning: booked')
    assert.notInclude(page.text(), 'Confirm booking')

    const response = await enrolFromPage(client, learner, session)
    response.assertHeader('location', '/learning/my')
    response.assertFlashMessage('success', 'You are already booked on Python')
    assert.lengthOf(await enrolmentsOn(session.id), 1)
  })

  test('after the booking cut-off the page explains, and a booking is refused with 422', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession({ bookingClosesAt: DateTime.now().minus({ hours: 1 }) })

    const page = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    page.assertStatus(200)
    page.assertTextIncludes('Booking for this session closed on')
    assert.notInclude(page.text(), 'Confirm booking')

    const response = await enrolFromPage(client, learner, session)
    response.assertStatus(422)
    response.assertTextIncludes('<title>Error: ')
    response.assertTextIncludes('There is a problem')
    response.assertTextIncludes('href="#field-session"')
    response.assertTextIncludes('Booking for this session closed on')
    assert.lengthOf(await enrolmentsOn(session.id), 0)
  })

  test('{title}')
    .with([
      {
        title: 'a session that has started is refused with 422',
        sessionToBook: () =>
          createSession({
            startsAt: DateTime.now().minus({ hours: 1 }),
            bookingClosesAt: DateTime.now().minus({ days: 1 }),
          }),
        message: 'This session has already started. Choose another session',
      },
      {
        title: 'a cancelled session is refused with 422',
        sessionToBook: async () => {
          const session = await createSession()
          session.status = 'cancelled'
          await session.save()
          return session
        },
        message: 'This session has been cancelled. Choose another session',
      },
    ])
    .run(async ({ client, assert }, { sessionToBook, message }) => {
      const learner = await createUser()
      const session = await sessionToBook()
      const response = await enrolFromPage(client, learner, session)
      response.assertStatus(422)
      response.assertTextIncludes(message)
      assert.lengthOf(await enrolmentsOn(session.id), 0)
    })

  test('without a line manager a course that needs approval is explained and refused with 422', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession({ course: await createCourse({ requiresApproval: true }) })

    const page = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    page.assertTextIncludes('the service does not know who your line manager is')
    assert.notInclude(page.text(), 'Send request')

    const response = await enrolFromPage(client, learner, session)
    response.assertStatus(422)
    response.assertTextIncludes('Ask your HR team to add them')
    assert.lengthOf(await enrolmentsOn(session.id), 0)
  })

  test('an unknown session, or a session of an unpublished course, is not found', async ({
    client,
  }) => {
    const learner = await createUser()
    const draft = await createSession({ course: await createCourse({ status: 'draft' }) })
    for (const id of [draft.id, 999999, 'abc']) {
      const page = await client.get(`/learning/sessions/${id}/enrol`).loginAs(learner)
      page.assertStatus(404)
      const post = await submitAs(client, learner).post(`/learning/sessions/${id}/enrolments`)
      post.assertStatus(404)
    }
  })

  test('a note of more than 1,000 characters gets a field message and sends no request', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const session = await createSession({ course: await createCourse({ requiresApproval: true }) })
    const response = await enrolFromPage(client, learner, session, { note: 'x'.repeat(1001) })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      note: ['The note to your line manager must be 1,000 characters or fewer'],
    })
    assert.lengthOf(await enrolmentsOn(session.id), 0)
  })

  test('a booking posted without its CSRF token changes nothing', async ({ client, assert }) => {
    const learner = await createUser()
    const session = await createSession()
    const response = await client
      .post(`/learning/sessions/${session.id}/enrolments`)
      .loginAs(learner)
      .redirects(0)
    assert.notEqual(response.status(), 200)
    assert.lengthOf(await enrolmentsOn(session.id), 0)
  })

  test('signed-out visitors are sent to sign in', async ({ client }) => {
    const session = await createSession()
    for (const url of [`/learning/sessions/${session.id}/enrol`, '/learning/my']) {
      const response = await client.get(url).redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/sign-in')
    }
  })
})

test.group('Enrolling: one place per course, and the cost shown', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the confirmation page shows what the course costs before the request is sent', async ({
    client,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const course = await createCourse({
      title: 'Service Manager programme',
      requiresApproval: true,
      costPence: 295000,
    })
    const session = await createSession({ course })
    const response = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Ask to go on Service Manager programme</h1>')
    response.assertTextIncludes('Cost')
    response.assertTextIncludes('£2,950')
    response.assertTextIncludes('Send request')
  })

  test('a course the learner has completed is not offered again: the page says when, and a request is refused with 422', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const course = await createCourse({
      title: 'Service Manager programme',
      requiresApproval: true,
      costPence: 295000,
    })
    await completedBefore(learner, course, '2026-06-03')
    const session = await createSession({ course })
    const message =
      'You completed Service Manager programme on 3 June 2026, so you cannot book it again'

    const page = await client.get(`/learning/sessions/${session.id}/enrol`).loginAs(learner)
    page.assertStatus(200)
    page.assertTextIncludes(`${message}.`)
    assert.notInclude(page.text(), `action="/learning/sessions/${session.id}/enrolments"`)

    const response = await client
      .post(`/learning/sessions/${session.id}/enrolments`)
      .form({ note: 'Again please' })
      .withCsrfToken()
      .loginAs(learner)
    response.assertStatus(422)
    response.assertTextIncludes('There is a problem')
    response.assertTextIncludes(message)
    assert.lengthOf(await enrolmentsOn(session.id), 0)
  })

  test('a learner booked, waiting or asking for one session of a course is refused another with 422', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const course = await createCourse({ title: 'Agile for teams' })
    const first = await createSession({ course, capacity: 1 })
    const second = await createSession({ course, startsAt: first.startsAt.plus({ days: 7 }) })
    await enrolled(await createUser(), first.id)
    await enrolled(learner, first.id)

    const page = await client.get(`/learning/sessions/${second.id}/enrol`).loginAs(learner)
    page.assertTextIncludes('You are already number 1 on the waiting list for Agile for teams on ')
    assert.notInclude(page.text(), `action="/learning/sessions/${second.id}/enrolments"`)

    const response = await client
      .post(`/learning/sessions/${second.id}/enrolments`)
      .withCsrfToken()
      .loginAs(learner)
    response.assertStatus(422)
    response.assertTextIncludes('Leave the waiting list first if you want a different session')
    assert.lengthOf(await enrolmentsOn(second.id), 0)

    // Once the learner gives up the first place, the second session can be booked.
    await Enrolment.query()
      .where('session_id', first.id)
      .where('user_id', learner.id)
      .update({ status: 'cancelled', active_session_id: null, waitlist_position: null })
    const booked = await enrolFromPage(client, learner, second)
    booked.assertStatus(302)
    const [booking] = await enrolmentsOn(second.id)
    assert.equal(booking.status, 'booked')
  })
})

test.group('My learning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists bookings with invite and cancel links, requests, waiting-list places and history with reasons', async ({
    client,
  }) => {
    const manager = await createUser({ overrides: { fullName: 'Maria Manager' } })
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })

    const bookedSession = await createSession({
      course: await createCourse({ title: 'Booked course' }),
      startsAt: nextJuly(),
    })
    const booking = await enrolled(learner, bookedSession.id)

    const approvalSession = await createSession({
      course: await createCourse({ title: 'Approval course', requiresApproval: true }),
    })
    await enrolled(learner, approvalSession.id)

    const fullSession = await createSession({
      capacity: 1,
      course: await createCourse({ title: 'Full course' }),
    })
    await enrolled(await createUser(), fullSession.id)
    await enrolled(await createUser(), fullSession.id)
    await enrolled(learner, fullSession.id)

    const declinedSession = await createSession({
      course: await createCourse({ title: 'Declined course' }),
    })
    await createEnrolment(declinedSession, learner, {
      status: 'declined',
      decisionReason: 'Not in this year’s plan',
    })
    const cancelledSession = await createSession({
      course: await createCourse({ title: 'Cancelled course' }),
    })
    await createEnrolment(cancelledSession, learner, {
      status: 'cancelled',
      cancellationReason: 'Moved teams',
    })
    const pastSession = await createSession({
      course: await createCourse({ title: 'Completed course' }),
      startsAt: DateTime.now().minus({ days: 30 }),
    })
    await createEnrolment(pastSession, learner, { status: 'completed' })

    const response = await client.get('/learning/my').loginAs(learner)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>My learning</h1>')
    response.assertTextIncludes('Booked course')
    response.assertTextIncludes(`href="/learning/enrolments/${booking.id}/invite.ics"`)
    response.assertTextIncludes(`href="/learning/enrolments/${booking.id}/cancel"`)
    response.assertTextIncludes(`href="/learning/courses/${bookedSession.courseId}"`)
    response.assertTextIncludes('Requests waiting for approval')
    response.assertTextIncludes('Approval course')
    response.assertTextIncludes('Maria Manager')
    response.assertTextIncludes('Full course')
    response.assertTextIncludes('Number 2')
    response.assertTextIncludes('Declined course')
    response.assertTextIncludes('Not in this year’s plan')
    response.assertTextIncludes('Moved teams')
    response.assertTextIncludes('Completed course')
    response.assertTextIncludes('<th scope="col">Outcome</th>')
    response.assertTextIncludes(
      '<caption id="booked-table-caption" class="sr-only">Sessions you are booked on'
    )
    response.assertTextIncludes('href="/learning/courses" class="header-link" aria-current="true"')
    response.assertTextIncludes('href="/learning/my" class="section-link" aria-current="page"')
  })

  test('shows nobody else’s enrolments', async ({ client, assert }) => {
    const learner = await createUser()
    const other = await createUser()
    const session = await createSession({ course: await createCourse({ title: 'Not mine' }) })
    await enrolled(other, session.id)
    const response = await client.get('/learning/my').loginAs(learner)
    assert.notInclude(response.text(), 'Not mine')
    response.assertTextIncludes('You have no upcoming bookings')
  })
})

test.group('Cancelling through the pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('cancelling a booking with a reason gives the seat to the first waitlisted learner', async ({
    client,
    assert,
  }) => {
    const session = await createSession({
      capacity: 1,
      course: await createCourse({ title: 'Service design' }),
    })
    const learner = await createUser()
    const booking = await enrolled(learner, session.id)
    const first = await enrolled(await createUser(), session.id)
    const second = await enrolled(await createUser(), session.id)

    const form = await client.get(`/learning/enrolments/${booking.id}/cancel`).loginAs(learner)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Cancel your booking</h1>')
    form.assertTextIncludes('name="reason"')

    const response = await submitAs(client, learner).post(
      `/learning/enrolments/${booking.id}/cancel`,
      { reason: 'A clash with a launch' }
    )
    response.assertHeader('location', '/learning/my')
    response.assertFlashMessage('success', 'You have cancelled your booking on Service design')

    await booking.refresh()
    await first.refresh()
    await second.refresh()
    assert.equal(booking.status, 'cancelled')
    assert.equal(booking.cancellationReason, 'A clash with a launch')
    assert.equal(first.status, 'booked')
    assert.equal(second.status, 'waitlisted')
    assert.equal(second.waitlistPosition, 1)
  })

  test('leaving the waiting list and withdrawing a request use their own words', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const full = await createSession({ capacity: 1, course: await createCourse({ title: 'Full' }) })
    await enrolled(await createUser(), full.id)
    const place = await enrolled(learner, full.id)
    const approval = await createSession({
      course: await createCourse({ title: 'Needs approval', requiresApproval: true }),
    })
    const request = await enrolled(learner, approval.id)

    const form = await client.get(`/learning/enrolments/${place.id}/cancel`).loginAs(learner)
    form.assertTextIncludes('<h1>Leave the waiting list</h1>')
    const left = await submitAs(client, learner).post(`/learning/enrolments/${place.id}/cancel`, {
      reason: 'No longer needed',
    })
    left.assertFlashMessage('success', 'You have left the waiting list for Full')

    const withdrawn = await submitAs(client, learner).post(
      `/learning/enrolments/${request.id}/cancel`,
      { reason: 'Changed my mind' }
    )
    withdrawn.assertFlashMessage('success', 'You have withdrawn your request for Needs approval')
    await request.refresh()
    assert.equal(request.status, 'cancelled')
  })

  test('a cancellation without a reason gets a field message and changes nothing', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession()
    const booking = await enrolled(learner, session.id)
    for (const reason of ['', '   ']) {
      const response = await submitAs(client, learner).post(
        `/learning/enrolments/${booking.id}/cancel`,
        { reason }
      )
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', { reason: ['Enter why you are cancelling'] })
    }
    await booking.refresh()
    assert.equal(booking.status, 'booked')
  })

  test('after booking closes the form says only the course team can cancel, and a cancellation is refused with 422', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession()
    const booking = await enrolled(learner, session.id)
    session.bookingClosesAt = DateTime.now().minus({ minutes: 5 })
    await session.save()

    const form = await client.get(`/learning/enrolments/${booking.id}/cancel`).loginAs(learner)
    form.assertStatus(200)
    form.assertTextIncludes('Only the course team can cancel now')
    assert.notInclude(form.text(), 'name="reason"')

    const response = await submitAs(client, learner).post(
      `/learning/enrolments/${booking.id}/cancel`,
      { reason: 'Ill' }
    )
    response.assertStatus(422)
    response.assertTextIncludes('so only the course team can cancel now')
    await booking.refresh()
    assert.equal(booking.status, 'booked')
  })

  test('someone else’s enrolment is not found on the cancel form or the cancel action', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const intruder = await createUser()
    const session = await createSession()
    const booking = await enrolled(owner, session.id)

    const form = await client.get(`/learning/enrolments/${booking.id}/cancel`).loginAs(intruder)
    form.assertStatus(404)
    const response = await submitAs(client, intruder).post(
      `/learning/enrolments/${booking.id}/cancel`,
      { reason: 'Mischief' }
    )
    response.assertStatus(404)
    await booking.refresh()
    assert.equal(booking.status, 'booked')
  })

  test('a cancellation posted without its CSRF token changes nothing', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const session = await createSession()
    const booking = await enrolled(learner, session.id)
    await client
      .post(`/learning/enrolments/${booking.id}/cancel`)
      .loginAs(learner)
      .form({ reason: 'No token' })
      .redirects(0)
    await booking.refresh()
    assert.equal(booking.status, 'booked')
  })
})

test.group('Calendar invite', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a booked learner downloads an invite for the session in UK time', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Agile for teams' })
    const session = await createSession({ course, startsAt: nextJuly() })
    const booking = await enrolled(learner, session.id)

    const response = await client
      .get(`/learning/enrolments/${booking.id}/invite.ics`)
      .loginAs(learner)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/calendar; charset=utf-8')
    const day = nextJuly().setZone('Europe/London').toFormat('yyyy-LL-dd')
    response.assertHeader('content-disposition', `attachment; filename="${course.code}-${day}.ics"`)
    const body = response.text()
    assert.include(body, 'BEGIN:VCALENDAR')
    assert.include(body, 'TZID:Europe/London')
    assert.include(
      body,
      `DTSTART;TZID=Europe/London:${nextJuly().setZone('Europe/London').toFormat("yyyyLLdd'T'HHmmss")}`
    )
    assert.include(body, 'T093000')
    assert.include(body, 'SUMMARY:Agile for teams')
  })

  test('there is no invite for someone else’s booking, a waiting-list place or a cancelled booking', async ({
    client,
  }) => {
    const learner = await createUser()
    const other = await createUser()
    const session = await createSession({ capacity: 1 })
    const othersBooking = await enrolled(other, session.id)
    const waiting = await enrolled(learner, session.id)
    const cancelled = await createEnrolment(session, learner, { status: 'cancelled' })
    for (const id of [othersBooking.id, waiting.id, cancelled.id, 999999]) {
      const response = await client.get(`/learning/enrolments/${id}/invite.ics`).loginAs(learner)
      response.assertStatus(404)
    }
  })
})
