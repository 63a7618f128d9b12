import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createProvider, createSession } from '#database/factories/learning_factory'
import { decideRequest } from '#actions/learning/decide_request'
import { serviceUrl, type LearningMail } from '#mails/learning_mail'
import LearningBooked from '#mails/learning_booked'
import LearningCancelled from '#mails/learning_cancelled'
import LearningPromoted from '#mails/learning_promoted'
import LearningSessionChanged from '#mails/learning_session_changed'
import LearningPlaceGivenUp from '#mails/learning_place_given_up'
import type User from '#models/user'
import type { ApiClient } from '@japa/api-client'
import { submitWithDatesAs } from '#tests/support/date_input'
import { enrolled } from '#tests/support/enrolments'
import { inviteOf, mailsSent } from '#tests/support/learning_mails'
import { colleagues } from '#tests/support/people'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

/* Tuesday 17 June 2031, 9:30am to 4:30pm in London (British summer time); booking closes on the 12th. */
const STARTS = DateTime.fromISO('2031-06-17T08:30:00Z')

/* The session as its edit form shows it: saving this changes nothing. */
const UNCHANGED = {
  startDate: '2031-06-17',
  startTime: '09:30',
  endDate: '',
  endTime: '16:30',
  closesDate: '2031-06-12',
  closesTime: '09:30',
  venue: 'Aviation House',
  location: 'London',
  onlineUrl: '',
  capacity: '2',
}

/* A course of a provider with an active course admin, a deactivated one, and a session. */
async function agileSession(
  options: { capacity?: number; requiresApproval?: boolean; provider?: string } = {}
) {
  const admin = await createUser({ roles: ['course_admin'] })
  const formerAdmin = await createUser({
    roles: ['course_admin'],
    overrides: { deactivatedAt: DateTime.now().minus({ days: 1 }) },
  })
  const provider = await createProvider(options.provider ?? 'Digital Academy', [admin, formerAdmin])
  const course = await createCourse({
    provider,
    title: 'Agile for leaders',
    requiresApproval: options.requiresApproval ?? false,
  })
  const session = await createSession({
    course,
    capacity: options.capacity ?? 2,
    startsAt: STARTS,
    bookingClosesAt: STARTS.minus({ days: 5 }),
  })
  return { admin, formerAdmin, provider, course, session }
}

function to<T extends LearningMail>(
  sent: LearningMail[],
  type: new (...args: any[]) => T,
  person: User
) {
  const found = sent.filter(
    (sentMail): sentMail is T => sentMail instanceof type && sentMail.message.hasTo(person.email)
  )
  if (found.length !== 1) {
    throw new Error(`Expected one ${type.name} to ${person.email}, found ${found.length}`)
  }
  return found[0]
}

/* The calendar's METHOD and the event's properties (name without parameters → value), read from ICS text. */
function parseIcs(text: string) {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)
  const method = lines.find((line) => line.startsWith('METHOD:'))?.slice('METHOD:'.length)
  const start = lines.indexOf('BEGIN:VEVENT')
  const end = lines.indexOf('END:VEVENT')
  const event: Record<string, string> = {}
  const eventLines = lines.slice(start + 1, end)
  for (const line of eventLines) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).split(';')[0]
    if (!(name in event)) event[name] = line.slice(colon + 1)
  }
  return { method, event, dtstart: eventLines.find((line) => line.startsWith('DTSTART')) }
}

function attachedInvite(sentMail: LearningMail) {
  const text = inviteOf(sentMail)?.text
  if (!text) throw new Error(`${sentMail.constructor.name} has no invitation attached`)
  return parseIcs(text)
}

test.group('Session changes: learners are told', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('moving a session mails each booked learner once, with an invitation that replaces the booking’s', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, session } = await agileSession()
    const [ada, ben] = await colleagues(2)
    await enrolled(ada, session.id)
    await enrolled(ben, session.id)
    const booked = await mailsSent(fake, 2)
    const original = attachedInvite(to(booked, LearningBooked, ada))
    assert.equal(original.event.SEQUENCE, '0')
    assert.equal(original.event.UID, `session-${session.id}@digital-capability.service`)

    // A week later, 10am to 5pm.
    const response = await submitAs(client, admin).put(`/learning/admin/sessions/${session.id}`, {
      ...UNCHANGED,
      startDate: '2031-06-24',
      startTime: '10:00',
      endTime: '17:00',
    })
    response.assertStatus(302)
    response.assertFlashMessage(
      'success',
      'Changes saved to the session: Tue 24 Jun 2031, 10:00. 2 people are being told of the new time or place'
    )

    const sent = await mailsSent(fake, 2)
    assert.lengthOf(sent, 2, 'one e-mail to each booked learner, nobody else')
    for (const learner of [ada, ben]) {
      const changed = to(sent, LearningSessionChanged, learner)
      changed.message.assertTo(learner.email, learner.fullName)
      changed.message.assertSubject('Change to Agile for leaders on 17 June')
      changed.message.assertTextIncludes(
        'What has changed\n\nDate and time\nWas: Tuesday 17 June 2031, 9:30am to 4:30pm (UK time)\nNow: Tuesday 24 June 2031, 10am to 5pm (UK time)'
      )
      changed.message.assertTextIncludes('Your place is still booked.')
      changed.message.assertTextIncludes(serviceUrl('/learning/my'))
      changed.message.assertHtmlIncludes('<h2>What has changed</h2>')
      changed.message.assertHtmlIncludes(
        '<dd>Now: Tuesday 24 June 2031, 10am to 5pm (UK time)</dd>'
      )
      assert.notInclude(changed.message.toObject().message.text as string, 'Was: Aviation House')

      const updated = attachedInvite(changed)
      assert.equal(updated.method, 'PUBLISH')
      assert.equal(updated.event.UID, original.event.UID)
      assert.equal(updated.event.SEQUENCE, '1')
      assert.equal(updated.dtstart, 'DTSTART;TZID=Europe/London:20310624T100000')
      assert.equal(updated.event.DTEND, '20310624T170000')
    }
    await session.refresh()
    assert.equal(session.inviteSequence, 1)

    // Then to another venue, same time: the sequence goes up again.
    await submitAs(client, admin).put(`/learning/admin/sessions/${session.id}`, {
      ...UNCHANGED,
      startDate: '2031-06-24',
      startTime: '10:00',
      endTime: '17:00',
      venue: '10 South Colonnade',
    })
    const again = await mailsSent(fake, 2)
    assert.lengthOf(again, 2)
    const moved = to(again, LearningSessionChanged, ben)
    moved.message.assertSubject('Change to Agile for leaders on 24 June')
    moved.message.assertTextIncludes(
      'Place\nWas: Aviation House, London\nNow: 10 South Colonnade, London'
    )
    assert.notInclude(moved.message.toObject().message.text as string, 'Was: Tuesday')
    const second = attachedInvite(moved)
    assert.equal(second.event.UID, original.event.UID)
    assert.equal(second.event.SEQUENCE, '2')
    assert.equal(second.event.LOCATION, '10 South Colonnade\\, London')
    await session.refresh()
    assert.equal(session.inviteSequence, 2)
  })

  test('learners on the waiting list or awaiting approval are told they have no seat, without an invitation', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, session } = await agileSession({ capacity: 1, requiresApproval: true })
    const [manager] = await colleagues(1)
    const [booked, waiting, asking] = await colleagues(3, { lineManagerId: manager.id })
    for (const learner of [booked, waiting]) {
      const request = await enrolled(learner, session.id)
      await decideRequest(manager, request.id, { approve: true })
    }
    await enrolled(asking, session.id)
    await mailsSent(fake, 5)

    // Online instead of at Aviation House.
    await submitAs(client, admin).put(`/learning/admin/sessions/${session.id}`, {
      ...UNCHANGED,
      capacity: '1',
      venue: '',
      location: '',
      onlineUrl: 'https://meet.example.gov.uk/agile',
    })

    const sent = await mailsSent(fake, 3)
    assert.lengthOf(sent, 3, 'the line manager is not told')
    const change = 'Place\nWas: Aviation House, London\nNow: Online'
    const link = 'Joining link\nWas: None\nNow: https://meet.example.gov.uk/agile'

    const toBooked = to(sent, LearningSessionChanged, booked)
    toBooked.message.assertTextIncludes(change)
    toBooked.message.assertTextIncludes(link)
    const invite = attachedInvite(toBooked)
    assert.equal(invite.event.SEQUENCE, '1')
    assert.equal(invite.event.LOCATION, 'Online')

    const toWaiting = to(sent, LearningSessionChanged, waiting)
    toWaiting.message.assertSubject('Change to Agile for leaders on 17 June')
    toWaiting.message.assertTextIncludes(change)
    toWaiting.message.assertTextIncludes(
      'You do not have a place on it yet: you are number 1 on the waiting list.'
    )
    assert.isNull(inviteOf(toWaiting))

    const toAsking = to(sent, LearningSessionChanged, asking)
    toAsking.message.assertTextIncludes(link)
    toAsking.message.assertTextIncludes(
      'You do not have a place on it yet: your request is waiting for your line manager’s approval.'
    )
    assert.isNull(inviteOf(toAsking))
  })

  test('an unchanged save or a change of capacity alone mails nobody and keeps the sequence', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, session } = await agileSession()
    const [learner] = await colleagues(1)
    await enrolled(learner, session.id)
    await mailsSent(fake, 1)

    for (const form of [UNCHANGED, { ...UNCHANGED, capacity: '20' }]) {
      const response = await submitAs(client, admin).put(
        `/learning/admin/sessions/${session.id}`,
        form
      )
      response.assertStatus(302)
      response.assertFlashMessage('success', 'Changes saved to the session: Tue 17 Jun 2031, 09:30')
      assert.lengthOf(await mailsSent(fake, 0), 0, `capacity ${form.capacity}`)
    }
    await session.refresh()
    assert.equal(session.capacity, 20)
    assert.equal(session.inviteSequence, 0)
  })

  test('the invitation download carries the session’s current sequence', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, session } = await agileSession()
    const [learner] = await colleagues(1)
    const booking = await enrolled(learner, session.id)
    await mailsSent(fake, 1)

    const download = async () => {
      const response = await client
        .get(`/learning/enrolments/${booking.id}/invite.ics`)
        .loginAs(learner)
      response.assertStatus(200)
      return parseIcs(response.text())
    }
    const before = await download()
    assert.equal(before.event.SEQUENCE, '0')
    assert.equal(before.dtstart, 'DTSTART;TZID=Europe/London:20310617T093000')

    await submitAs(client, admin).put(`/learning/admin/sessions/${session.id}`, {
      ...UNCHANGED,
      startTime: '13:00',
      endTime: '17:00',
    })
    const [changed] = await mailsSent(fake, 1)

    const after = await download()
    assert.equal(after.event.UID, before.event.UID)
    assert.equal(after.event.SEQUENCE, '1')
    assert.equal(after.dtstart, 'DTSTART;TZID=Europe/London:20310617T130000')
    assert.equal(attachedInvite(changed).event.SEQUENCE, after.event.SEQUENCE)
  })
})

test.group('Cancellations: course admins are told', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a learner cancelling their seat mails the admins who run the course, with the reason and who has the seat now', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, formerAdmin, session } = await agileSession({ capacity: 1 })
    const capabilityAdmin = await createUser({ roles: ['capability_admin'] })
    const otherAdmin = await createUser({ roles: ['course_admin'] })
    await createProvider('Data Campus', [otherAdmin])
    const [leaver, waiting] = await colleagues(2)
    const booking = await enrolled(leaver, session.id)
    await enrolled(waiting, session.id)
    await mailsSent(fake, 2)

    const response = await submitAs(client, leaver).post(
      `/learning/enrolments/${booking.id}/cancel`,
      { reason: 'Clashes with a launch' }
    )
    response.assertStatus(302)

    const sent = await mailsSent(fake, 3)
    assert.lengthOf(sent, 3, 'the learner, the one promoted, and the course’s admin')
    to(sent, LearningCancelled, leaver)
    to(sent, LearningPromoted, waiting)
    for (const outsider of [capabilityAdmin, otherAdmin, formerAdmin]) {
      assert.isFalse(
        sent.some((sentMail) => sentMail.message.hasTo(outsider.email)),
        'not a capability admin, another provider’s admin or a deactivated one'
      )
    }
    const notice = to(sent, LearningPlaceGivenUp, admin)
    notice.message.assertSubject(
      `${leaver.fullName} cancelled their place on Agile for leaders on 17 June`
    )
    notice.message.assertTextIncludes(
      `${leaver.fullName} cancelled their place on Agile for leaders.`
    )
    notice.message.assertTextIncludes(
      `The seat went to ${waiting.fullName}, who was first on the waiting list.`
    )
    notice.message.assertTextIncludes(`Learner: ${leaver.fullName} (${leaver.email})`)
    notice.message.assertTextIncludes('Reason given:\nClashes with a launch')
    notice.message.assertTextIncludes('Date and time: Tuesday 17 June 2031, 9:30am to 4:30pm')
    notice.message.assertTextIncludes(serviceUrl(`/learning/admin/sessions/${session.id}`))
    assert.isNull(inviteOf(notice))
  })

  test('leaving the waiting list, or a seat nobody was waiting for, is told as such', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, session } = await agileSession({ capacity: 1 })
    const [seated, waiting] = await colleagues(2)
    const seat = await enrolled(seated, session.id)
    const place = await enrolled(waiting, session.id)
    await mailsSent(fake, 2)

    await submitAs(client, waiting).post(`/learning/enrolments/${place.id}/cancel`, {
      reason: 'Found another course',
    })
    let sent = await mailsSent(fake, 2)
    assert.lengthOf(sent, 2, 'the learner and the one admin')
    let notice = to(sent, LearningPlaceGivenUp, admin)
    notice.message.assertSubject(
      `${waiting.fullName} left the waiting list for Agile for leaders on 17 June`
    )
    notice.message.assertTextIncludes('They were on the waiting list, so no seat was freed.')
    notice.message.assertTextIncludes('Found another course')

    await submitAs(client, seated).post(`/learning/enrolments/${seat.id}/cancel`, {
      reason: 'Moved teams',
    })
    sent = await mailsSent(fake, 2)
    assert.lengthOf(sent, 2)
    notice = to(sent, LearningPlaceGivenUp, admin)
    notice.message.assertTextIncludes(
      'Nobody was on the waiting list, so the seat is free for someone else to book.'
    )
  })

  test('a cancellation by a course admin, or of a request, mails no admin', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { admin, session } = await agileSession({ capacity: 1 })
    const [seated, waiting] = await colleagues(2)
    const seat = await enrolled(seated, session.id)
    await enrolled(waiting, session.id)
    await mailsSent(fake, 2)

    const response = await submitAs(client, admin).post(
      `/learning/admin/enrolments/${seat.id}/cancel`,
      { reason: 'Not eligible' }
    )
    response.assertStatus(302)
    const sent = await mailsSent(fake, 2)
    assert.lengthOf(sent, 2)
    to(sent, LearningCancelled, seated)
    to(sent, LearningPromoted, waiting)

    // A request is the line manager's business, not the course team's.
    const { session: approvalSession } = await agileSession({
      requiresApproval: true,
      provider: 'Policy Profession',
    })
    const [manager] = await colleagues(1)
    const [asking] = await colleagues(1, { lineManagerId: manager.id })
    const request = await enrolled(asking, approvalSession.id)
    await mailsSent(fake, 1)
    await submitAs(client, asking).post(`/learning/enrolments/${request.id}/cancel`, {
      reason: 'No longer needed',
    })
    const afterRequest = await mailsSent(fake, 1)
    assert.lengthOf(afterRequest, 1)
    to(afterRequest, LearningCancelled, asking)
  })
})
