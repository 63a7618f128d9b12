import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import { colleagues } from '#tests/support/people'
import { createCourse, createEnrolment, createSession } from '#database/factories/learning_factory'
import { enrol } from '#actions/learning/enrol'
import { decideRequest } from '#actions/learning/decide_request'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import { cancelSession } from '#actions/learning/cancel_session'
import { recordAttendance } from '#actions/learning/record_attendance'
import { sendReminders } from '#actions/learning/send_reminders'
import LearningNotifications from '#listeners/learning_notifications'
import { serviceUrl, sessionWhen, shortDate, ukTime } from '#mails/learning_mail'
import type { LearningMail } from '#mails/learning_mail'
import LearningRequestSent from '#mails/learning_request_sent'
import LearningApproved from '#mails/learning_approved'
import LearningDeclined from '#mails/learning_declined'
import LearningBooked from '#mails/learning_booked'
import LearningWaitlisted from '#mails/learning_waitlisted'
import LearningPromoted from '#mails/learning_promoted'
import LearningCancelled from '#mails/learning_cancelled'
import LearningSessionCancelled from '#mails/learning_session_cancelled'
import LearningReminder from '#mails/learning_reminder'
import CourseSession from '#models/course_session'
import type Enrolment from '#models/enrolment'
import { inviteOf, mailsSent } from '#tests/support/learning_mails'

/* Tuesday 17 June 2031, 9:30am to 4:30pm in London (British summer time). */
const STARTS = DateTime.fromISO('2031-06-17T08:30:00Z')
const WHEN = 'Tuesday 17 June 2031, 9:30am to 4:30pm'

async function agileSession(options: { capacity?: number; requiresApproval?: boolean } = {}) {
  const course = await createCourse({
    title: 'Agile for leaders',
    requiresApproval: options.requiresApproval ?? false,
  })
  const session = await createSession({
    course,
    capacity: options.capacity ?? 10,
    startsAt: STARTS,
    bookingClosesAt: STARTS.minus({ days: 5 }),
  })
  return { course, session }
}

function only<T extends LearningMail>(sent: LearningMail[], type: new (...args: any[]) => T) {
  const found = sent.filter((sentMail): sentMail is T => sentMail instanceof type)
  if (found.length !== 1) throw new Error(`Expected one ${type.name}, found ${found.length}`)
  return found[0]
}

function enrolmentOf(result: unknown) {
  return (result as { enrolment: Enrolment }).enrolment
}

test.group('Learning e-mails', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a booking is e-mailed to the learner with the invitation attached', async ({ assert }) => {
    const fake = mail.fake()
    const { session } = await agileSession()
    const [learner] = await colleagues(1)
    assert.deepInclude(await enrol(learner, session.id), { type: 'booked' })

    const sent = await mailsSent(fake, 1)
    assert.lengthOf(sent, 1)
    const booked = only(sent, LearningBooked)
    booked.message.assertTo(learner.email, learner.fullName)
    booked.message.assertSubject('You are booked on Agile for leaders on 17 June')
    booked.message.assertTextIncludes(WHEN)
    booked.message.assertTextIncludes('Aviation House, London')
    booked.message.assertTextIncludes(serviceUrl('/learning/my'))
    booked.message.assertHtmlIncludes('<h1>You are booked on Agile for leaders</h1>')
    booked.message.assertHtmlIncludes(
      `<a href="${serviceUrl('/learning/my')}">See your bookings in My learning</a>`
    )

    const ics = inviteOf(booked)!
    assert.equal(ics.contentType, 'text/calendar; charset=utf-8; method=PUBLISH')
    assert.include(ics.text, 'METHOD:PUBLISH')
    assert.include(ics.text, 'DTSTART;TZID=Europe/London:20310617T093000')
  })

  test('a full session puts the learner on the waiting list, with their position', async ({
    assert,
  }) => {
    const fake = mail.fake()
    const { session } = await agileSession({ capacity: 1 })
    const [first, second] = await colleagues(2)
    await enrol(first, session.id)
    await mailsSent(fake, 1)
    await enrol(second, session.id)

    const sent = await mailsSent(fake, 1)
    assert.lengthOf(sent, 1)
    const waitlisted = only(sent, LearningWaitlisted)
    waitlisted.message.assertTo(second.email, second.fullName)
    waitlisted.message.assertSubject(
      'You are number 1 on the waiting list for Agile for leaders on 17 June'
    )
    waitlisted.message.assertTextIncludes(WHEN)
    assert.isNull(inviteOf(waitlisted))
  })

  test('a cancellation tells the learner, with the reason, and promotes the next with an invitation', async ({
    assert,
  }) => {
    const fake = mail.fake()
    const { session } = await agileSession({ capacity: 1 })
    const [first, second] = await colleagues(2)
    const booking = enrolmentOf(await enrol(first, session.id))
    await enrol(second, session.id)
    await mailsSent(fake, 2)

    await cancelEnrolment(first, booking.id, { reason: 'Clashes with a launch' })
    const sent = await mailsSent(fake, 2)
    assert.lengthOf(sent, 2)

    const cancelled = only(sent, LearningCancelled)
    cancelled.message.assertTo(first.email, first.fullName)
    cancelled.message.assertSubject('Cancelled: your place on Agile for leaders on 17 June')
    cancelled.message.assertTextIncludes('You cancelled your place on Agile for leaders.')
    cancelled.message.assertTextIncludes('Clashes with a launch')
    cancelled.message.assertHtmlIncludes('<h2>Reason given</h2>')
    const removal = inviteOf(cancelled)!
    assert.include(removal.contentType, 'method=CANCEL')
    assert.include(removal.text, 'METHOD:CANCEL')

    const promoted = only(sent, LearningPromoted)
    promoted.message.assertTo(second.email, second.fullName)
    promoted.message.assertSubject(
      'A place came up: you are booked on Agile for leaders on 17 June'
    )
    promoted.message.assertTextIncludes(WHEN)
    const ics = inviteOf(promoted)!
    assert.include(ics.contentType, 'method=PUBLISH')
    assert.include(ics.text, 'TZID=Europe/London')
  })

  test('a request goes to the line manager; the approval, or the decline with its reason, to the learner', async ({
    assert,
  }) => {
    const fake = mail.fake()
    const [manager] = await colleagues(1)
    const [approvedLearner, declinedLearner] = await colleagues(2, { lineManagerId: manager.id })
    const { session } = await agileSession({ requiresApproval: true })

    const request = enrolmentOf(
      await enrol(approvedLearner, session.id, { note: 'For my new role' })
    )
    let sent = await mailsSent(fake, 1)
    assert.lengthOf(sent, 1)
    const asked = only(sent, LearningRequestSent)
    asked.message.assertTo(manager.email, manager.fullName)
    asked.message.assertSubject(
      `Approval needed: ${approvedLearner.fullName} asks to go on Agile for leaders on 17 June`
    )
    asked.message.assertTextIncludes('For my new role')
    asked.message.assertTextIncludes(WHEN)
    asked.message.assertTextIncludes(serviceUrl('/learning/approvals'))

    await decideRequest(manager, request.id, { approve: true })
    sent = await mailsSent(fake, 1)
    assert.lengthOf(sent, 1, 'one e-mail for the approval and the booking together')
    const approved = only(sent, LearningApproved)
    approved.message.assertTo(approvedLearner.email, approvedLearner.fullName)
    approved.message.assertSubject(
      'Request approved: you are booked on Agile for leaders on 17 June'
    )
    approved.message.assertTextIncludes(`Your line manager, ${manager.fullName}, approved`)
    assert.include(inviteOf(approved)!.text, 'DTSTART;TZID=Europe/London:20310617T093000')

    const second = enrolmentOf(await enrol(declinedLearner, session.id))
    await mailsSent(fake, 1)
    await decideRequest(manager, second.id, { approve: false, reason: 'Not this quarter' })
    sent = await mailsSent(fake, 1)
    assert.lengthOf(sent, 1)
    const declined = only(sent, LearningDeclined)
    declined.message.assertTo(declinedLearner.email, declinedLearner.fullName)
    declined.message.assertSubject('Request declined: Agile for leaders on 17 June')
    declined.message.assertTextIncludes('Not this quarter')
    assert.isNull(inviteOf(declined))
  })

  test('a cancelled session tells everyone on it; those booked get the calendar cancellation', async ({
    assert,
  }) => {
    const fake = mail.fake()
    const { session } = await agileSession({ capacity: 1 })
    const [admin, booked, waiting] = await colleagues(3)
    await enrol(booked, session.id)
    await enrol(waiting, session.id)
    await mailsSent(fake, 2)

    await cancelSession(admin, session.id, 'Trainer unavailable')
    const sent = await mailsSent(fake, 2)
    assert.lengthOf(sent, 2)
    for (const sentMail of sent) {
      assert.instanceOf(sentMail, LearningSessionCancelled)
      sentMail.message.assertSubject('Session cancelled: Agile for leaders on 17 June')
      sentMail.message.assertTextIncludes('Trainer unavailable')
      sentMail.message.assertTextIncludes(WHEN)
    }
    const toBooked = sent.find((sentMail) => sentMail.message.hasTo(booked.email))!
    const toWaiting = sent.find((sentMail) => sentMail.message.hasTo(waiting.email))!
    assert.include(inviteOf(toBooked)!.text, 'METHOD:CANCEL')
    assert.include(inviteOf(toBooked)!.text, 'STATUS:CANCELLED')
    assert.isNull(inviteOf(toWaiting))
  })

  test('completion is not e-mailed', async ({ assert }) => {
    const fake = mail.fake()
    const [learner] = await colleagues(1)
    const startsAt = DateTime.now().minus({ hours: 3 })
    const session = await createSession({ startsAt, bookingClosesAt: startsAt.minus({ days: 1 }) })
    const enrolment = await createEnrolment(session, learner)
    assert.deepInclude(await recordAttendance(enrolment.id, 'attended'), { type: 'marked' })
    assert.deepInclude(await recordAttendance(enrolment.id, 'completed'), { type: 'marked' })
    assert.lengthOf(await mailsSent(fake, 0), 0)
  })

  test('an enrolment that no longer exists sends nothing and throws nothing', async ({
    assert,
  }) => {
    const fake = mail.fake()
    await new LearningNotifications().handle({ enrolmentId: 987654, changes: ['booked'] })
    assert.lengthOf(fake.mails.sent(), 0)
  })
})

test.group('Session reminders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('booked learners on sessions starting soon are reminded once, and only once', async ({
    assert,
    cleanup,
  }) => {
    const startsAt = DateTime.now().plus({ hours: 20 }).startOf('hour')
    const course = await createCourse({ title: 'Agile for leaders' })
    const soon = await createSession({
      course,
      startsAt,
      bookingClosesAt: DateTime.now().plus({ hours: 1 }),
    })
    const later = await createSession({
      startsAt: DateTime.now().plus({ hours: 80 }),
      bookingClosesAt: DateTime.now().plus({ hours: 1 }),
      capacity: 1,
    })
    const [booked, waiting, cancelled, elsewhere] = await colleagues(4)
    await createEnrolment(soon, booked)
    await createEnrolment(soon, waiting, { status: 'waitlisted', waitlistPosition: 1 })
    await createEnrolment(soon, cancelled, { status: 'cancelled' })
    await createEnrolment(later, elsewhere)

    const fake = mail.fake()
    cleanup(() => mail.restore())

    const first = await sendReminders({ hours: 48 })
    assert.deepEqual(first, { sessions: 1, sent: 1, failed: 0 })
    const sent = fake.mails.sent() as LearningMail[]
    assert.lengthOf(sent, 1)
    const reminder = only(sent, LearningReminder)
    reminder.message.assertTo(booked.email, booked.fullName)
    reminder.message.assertSubject(
      `Reminder: Agile for leaders on ${shortDate(startsAt)} at ${ukTime(startsAt)}`
    )
    reminder.message.assertTextIncludes(sessionWhen(soon))
    const [soonAfter, laterAfter] = await Promise.all([
      CourseSession.findOrFail(soon.id),
      CourseSession.findOrFail(later.id),
    ])
    assert.isNotNull(soonAfter.reminderSentAt)
    assert.isNull(laterAfter.reminderSentAt)

    fake.mails.clear()
    assert.deepEqual(await sendReminders({ hours: 48 }), { sessions: 0, sent: 0, failed: 0 })
    assert.lengthOf(fake.mails.sent(), 0)
  })

  test('cancelled and already started sessions get no reminder', async ({ assert, cleanup }) => {
    const [learner, other] = await colleagues(2)
    const cancelledSession = await createSession({
      startsAt: DateTime.now().plus({ hours: 10 }),
      bookingClosesAt: DateTime.now().plus({ hours: 1 }),
    })
    cancelledSession.status = 'cancelled'
    await cancelledSession.save()
    const started = await createSession({
      startsAt: DateTime.now().minus({ minutes: 30 }),
      bookingClosesAt: DateTime.now().minus({ days: 1 }),
    })
    await createEnrolment(cancelledSession, learner, { activeSessionId: null })
    await createEnrolment(started, other)
    const fake = mail.fake()
    cleanup(() => mail.restore())
    assert.deepEqual(await sendReminders(), { sessions: 0, sent: 0, failed: 0 })
    assert.lengthOf(fake.mails.sent(), 0)
  })
})

test.group('UK times in e-mails', () => {
  test('dates and times are written in UK time, the GOV.UK way', ({ assert }) => {
    const summer = { startsAt: STARTS, endsAt: STARTS.plus({ hours: 7 }) }
    assert.equal(sessionWhen(summer), WHEN)
    const winter = DateTime.fromISO('2031-01-14T12:00:00Z')
    assert.equal(
      sessionWhen({ startsAt: winter, endsAt: winter.plus({ hours: 4 }) }),
      'Tuesday 14 January 2031, midday to 4pm'
    )
    assert.equal(
      sessionWhen({ startsAt: STARTS, endsAt: STARTS.plus({ days: 1, hours: 7 }) }),
      'Tuesday 17 June 2031, 9:30am to Wednesday 18 June 2031, 4:30pm'
    )
  })
})
