import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createCompletion, createCourse, createSession } from '#database/factories/learning_factory'
import { createTeam } from '#database/factories/fast_stream_factory'
import Enrolment from '#models/enrolment'
import AuditEvent from '#models/audit_event'
import Course from '#models/course'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import type User from '#models/user'
import type Organisation from '#models/organisation'
import { submitAs } from '#tests/support/forms'
import { apiAs, bearer } from '#tests/support/api'
import { enrolled } from '#tests/support/enrolments'
import { mailsSent, inviteOf } from '#tests/support/learning_mails'
import LearningNominated from '#mails/learning_nominated'
import LearningRequestSent from '#mails/learning_request_sent'
import db from '@adonisjs/lucid/services/db'
import { DEMO_UNKNOWN_ADDRESS, seedDemoNominations } from '#database/demo/nominations'

/* A line manager with the given number of direct reports, all in one department. */
async function managerWithReports(count: number, organisation?: Organisation) {
  const department = organisation ?? (await OrganisationFactory.create())
  const manager = await createUser({ organisation: department })
  const reports: User[] = []
  for (let index = 0; index < count; index++) {
    reports.push(
      await createUser({ organisation: department, overrides: { lineManagerId: manager.id } })
    )
  }
  return { department, manager, reports }
}

const enrolmentsOf = (sessionId: number) =>
  Enrolment.query().where('session_id', sessionId).orderBy('id')

/* The people with an enrolment on a session, in the order they got it. */
async function usersOn(sessionId: number) {
  const rows = await enrolmentsOf(sessionId)
  return rows.map((row) => row.userId)
}

/* The id of the nomination a page submission led to, from its redirect. */
function resultId(response: { header(name: string): string | undefined }) {
  const match = /^\/learning\/nominations\/(\d+)$/.exec(response.header('location') ?? '')
  if (!match) throw new Error(`Not a nomination result: ${response.header('location')}`)
  return Number(match[1])
}

test.group('Nomination on pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a line manager books the direct reports they tick, and the result page lists them as booked', async ({
    client,
    assert,
  }) => {
    const { manager, reports } = await managerWithReports(3)
    const session = await createSession({ course: await createCourse({ title: 'Data basics' }) })

    const form = await client.get(`/learning/sessions/${session.id}/nominate`).loginAs(manager)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Book people on Data basics</h1>')
    for (const report of reports) form.assertTextIncludes(report.fullName)

    const response = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'reports', people: [reports[0].id, reports[2].id] }
    )
    response.assertStatus(302)
    const rows = await enrolmentsOf(session.id)
    assert.deepEqual(
      rows.map((row) => [row.userId, row.status, row.nominatedBy]),
      [
        [reports[0].id, 'booked', manager.id],
        [reports[2].id, 'booked', manager.id],
      ]
    )

    const result = await client.get(`/learning/nominations/${resultId(response)}`).loginAs(manager)
    result.assertStatus(200)
    result.assertTextIncludes('2 booked, 0 not booked.')
    result.assertTextIncludes(reports[0].fullName)
    result.assertTextIncludes(reports[2].fullName)
    assert.notInclude(result.text(), reports[1].fullName)
  })

  test('a line manager cannot book someone who is not their report: refused, and nothing booked for them', async ({
    client,
    assert,
  }) => {
    const { department, manager, reports } = await managerWithReports(1)
    const colleague = await createUser({ organisation: department })
    const session = await createSession()

    const byTick = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'reports', people: [colleague.id, reports[0].id] }
    )
    const byEmail = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'emails', emails: colleague.email }
    )
    const rows = await enrolmentsOf(session.id)
    assert.deepEqual(
      rows.map((row) => row.userId),
      [reports[0].id]
    )
    for (const response of [byTick, byEmail]) {
      const page = await client.get(`/learning/nominations/${resultId(response)}`).loginAs(manager)
      page.assertTextIncludes('Not one of your direct reports, so you cannot book them')
      // Shown by the address given, not by name.
      assert.notInclude(page.text(), colleague.fullName)
    }
  })

  test('HR books a team of their department; another department’s team or person answers 404 and books nobody', async ({
    client,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const hr = await createUser({ organisation: department, roles: ['department_hr'] })
    const team = await createTeam(department, 'Policy')
    const members = [
      await createUser({ organisation: department, overrides: { teamId: team.id } }),
      await createUser({ organisation: department, overrides: { teamId: team.id } }),
    ]
    const elsewhere = await OrganisationFactory.create()
    const otherTeam = await createTeam(elsewhere, 'Other')
    const stranger = await createUser({
      organisation: elsewhere,
      overrides: { teamId: otherTeam.id },
    })
    const session = await createSession()
    const url = `/learning/sessions/${session.id}/nominations`

    const booked = await submitAs(client, hr).post(url, { source: 'team', teamId: team.id })
    booked.assertStatus(302)
    assert.sameMembers(
      await usersOn(session.id),
      members.map((member) => member.id)
    )

    const otherTeamAnswer = await submitAs(client, hr).post(url, {
      source: 'team',
      teamId: otherTeam.id,
    })
    otherTeamAnswer.assertStatus(404)
    const otherPerson = await submitAs(client, hr).post(url, {
      source: 'selection',
      people: [stranger.id],
    })
    otherPerson.assertStatus(404)
    const byEmail = await submitAs(client, hr).post(url, {
      source: 'emails',
      emails: stranger.email,
    })
    const page = await client.get(`/learning/nominations/${resultId(byEmail)}`).loginAs(hr)
    page.assertTextIncludes('Nobody you can book has this e-mail address')
    assert.notInclude(page.text(), stranger.fullName)
    assert.lengthOf(await Enrolment.query().where('user_id', stranger.id), 0)
  })

  test('someone who is neither a line manager nor HR may not open or send the nomination form (403)', async ({
    client,
  }) => {
    const learner = await createUser()
    const session = await createSession()
    const page = await client.get(`/learning/sessions/${session.id}/nominate`).loginAs(learner)
    page.assertStatus(403)
  })

  test('the form says what to do when nobody is ticked, no team is chosen or no address is typed', async ({
    client,
    assert,
  }) => {
    const { manager } = await managerWithReports(1)
    const session = await createSession()
    const url = `/learning/sessions/${session.id}/nominations`
    const cases: [Record<string, unknown>, string, string][] = [
      [{ source: 'reports' }, 'people', 'Select the people to book'],
      [{ source: 'team' }, 'teamId', 'Select a team'],
      [
        { source: 'emails', emails: '  ' },
        'emails',
        'Enter the e-mail address of at least one person',
      ],
    ]
    for (const [fields, field, message] of cases) {
      const response = await submitAs(client, manager).post(url, fields)
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', { [field]: [message] })
    }
    assert.lengthOf(await enrolmentsOf(session.id), 0)
  })

  test('a nomination by the line manager counts as approval, and so does HR’s (ADR 21); a learner’s own booking still asks', async ({
    client,
    assert,
  }) => {
    const { department, manager, reports } = await managerWithReports(3)
    const hr = await createUser({ organisation: department, roles: ['department_hr'] })
    const course = await createCourse({ requiresApproval: true })
    const session = await createSession({ course })
    const url = `/learning/sessions/${session.id}/nominations`

    await submitAs(client, manager).post(url, { source: 'reports', people: [reports[0].id] })
    await submitAs(client, hr).post(url, { source: 'emails', emails: reports[1].email })
    const own = await submitAs(client, reports[2]).post(
      `/learning/sessions/${session.id}/enrolments`
    )
    own.assertStatus(302)

    const rows = await enrolmentsOf(session.id)
    assert.deepEqual(
      rows.map((row) => [row.userId, row.status, row.decidedBy, row.nominatedBy]),
      [
        [reports[0].id, 'booked', manager.id, manager.id],
        [reports[1].id, 'booked', hr.id, hr.id],
        [reports[2].id, 'requested', null, null],
      ]
    )
  })

  test('seats and the waiting list behave as self-enrolment: the last seat, then waiting-list places in order', async ({
    client,
    assert,
  }) => {
    const { manager, reports } = await managerWithReports(3)
    const session = await createSession({ capacity: 2 })
    await enrolled(await createUser(), session.id)

    const response = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'reports', people: reports.map((report) => report.id) }
    )
    const rows = await Enrolment.query()
      .where('session_id', session.id)
      .where('nominated_by', manager.id)
      .orderBy('id')
    assert.deepEqual(
      rows.map((row) => [row.status, row.waitlistPosition]),
      [
        ['booked', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ]
    )
    const page = await client.get(`/learning/nominations/${resultId(response)}`).loginAs(manager)
    page.assertTextIncludes('1 booked, 2 on the waiting list, 0 not booked.')
    page.assertTextIncludes('The session is full: number 2 on the waiting list')
  })

  test('sending the same nomination twice books nobody twice: the second result reports the places held', async ({
    client,
    assert,
  }) => {
    const { manager, reports } = await managerWithReports(2)
    const session = await createSession()
    const url = `/learning/sessions/${session.id}/nominations`
    const fields = { source: 'reports', people: reports.map((report) => report.id) }

    const first = await submitAs(client, manager).post(url, fields)
    const second = await submitAs(client, manager).post(url, fields)
    assert.notEqual(resultId(first), resultId(second))
    assert.lengthOf(await enrolmentsOf(session.id), 2)

    const page = await client.get(`/learning/nominations/${resultId(second)}`).loginAs(manager)
    page.assertTextIncludes('0 booked, 2 already on the course, 0 not booked.')
    page.assertTextIncludes('Already has a place on this session: not booked again')
    // Reading the result again books nobody.
    await client.get(`/learning/nominations/${resultId(first)}`).loginAs(manager)
    assert.lengthOf(await enrolmentsOf(session.id), 2)
  })

  test('people who completed the course, are deactivated or named twice are refused with the reason', async ({
    client,
    assert,
  }) => {
    const { manager, reports } = await managerWithReports(3)
    const course = await createCourse()
    const session = await createSession({ course })
    await createCompletion(reports[0], course, {
      providerName: 'Provider',
      completedOn: DateTime.now().minus({ months: 2 }),
    })
    reports[1].deactivatedAt = DateTime.now()
    await reports[1].save()

    const response = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      {
        source: 'emails',
        emails: [reports[0].email, reports[1].email, reports[2].email, reports[2].email].join('\n'),
      }
    )
    const page = await client.get(`/learning/nominations/${resultId(response)}`).loginAs(manager)
    page.assertTextIncludes('1 booked, 1 already on the course, 2 not booked.')
    page.assertTextIncludes('Has already completed this course')
    page.assertTextIncludes('Their account is deactivated, so they cannot be booked')
    page.assertTextIncludes('Named more than once: booked only once')
    assert.deepEqual(await usersOn(session.id), [reports[2].id])
  })

  test('a session whose booking has closed refuses everyone with the reason', async ({
    client,
    assert,
  }) => {
    const { manager, reports } = await managerWithReports(1)
    const startsAt = DateTime.now().plus({ days: 2 })
    const session = await createSession({
      startsAt,
      bookingClosesAt: DateTime.now().minus({ hours: 1 }),
    })
    const response = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'reports', people: [reports[0].id] }
    )
    const page = await client.get(`/learning/nominations/${resultId(response)}`).loginAs(manager)
    page.assertTextIncludes('Booking for this session has closed')
    assert.lengthOf(await enrolmentsOf(session.id), 0)
  })

  test('a draft course’s session cannot be opened or booked (404)', async ({ client }) => {
    const { manager, reports } = await managerWithReports(1)
    const session = await createSession({ course: await createCourse({ status: 'draft' }) })
    const page = await client.get(`/learning/sessions/${session.id}/nominate`).loginAs(manager)
    page.assertStatus(404)
    const sent = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'reports', people: [reports[0].id] }
    )
    sent.assertStatus(404)
  })

  test('each person booked is told by e-mail naming who booked them; those refused are not', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { department, manager, reports } = await managerWithReports(2)
    const completed = await createUser({
      organisation: department,
      overrides: { lineManagerId: manager.id },
    })
    const course = await createCourse({ title: 'Service design' })
    await createCompletion(completed, course, { providerName: 'Provider' })
    const session = await createSession({ course, capacity: 1 })

    await submitAs(client, manager).post(`/learning/sessions/${session.id}/nominations`, {
      source: 'reports',
      people: [reports[0].id, reports[1].id, completed.id],
    })
    const sent = await mailsSent(fake, 2)
    assert.lengthOf(sent, 2)
    assert.isTrue(sent.every((message) => message instanceof LearningNominated))
    const byRecipient = new Map(
      sent.map((message) => [message.recipient().id, message as LearningNominated])
    )
    const bookedMail = byRecipient.get(reports[0].id)!
    bookedMail.prepare()
    assert.include(bookedMail.subject!, `${manager.fullName} has booked you on Service design`)
    assert.isNotNull(inviteOf(bookedMail))
    const waitingMail = byRecipient.get(reports[1].id)!
    waitingMail.prepare()
    assert.include(waitingMail.subject!, 'has put you on the waiting list for Service design')
    assert.isNull(inviteOf(waitingMail))
    assert.isFalse(byRecipient.has(completed.id))
    assert.isFalse(sent.some((message) => message instanceof LearningRequestSent))
  })

  test('the nomination and each enrolment it made are audited with the nominator as the actor', async ({
    client,
    assert,
  }) => {
    const { manager, reports } = await managerWithReports(1)
    const session = await createSession()
    const response = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'reports', people: [reports[0].id] }
    )
    const nominationAudit = await AuditEvent.query()
      .where('subject_type', 'nomination')
      .where('subject_id', String(resultId(response)))
      .firstOrFail()
    assert.equal(nominationAudit.actorId, manager.id)
    const [enrolment] = await enrolmentsOf(session.id)
    const enrolmentAudit = await AuditEvent.query()
      .where('subject_type', 'enrolment')
      .where('subject_id', String(enrolment.id))
      .where('action', 'create')
      .firstOrFail()
    assert.equal(enrolmentAudit.actorId, manager.id)
    assert.equal(JSON.parse(enrolmentAudit.after!).nominatedBy, manager.id)
  })

  test('a nomination’s result is the nominator’s alone: anyone else gets 404', async ({
    client,
  }) => {
    const { department, manager, reports } = await managerWithReports(1)
    const session = await createSession()
    const response = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'reports', people: [reports[0].id] }
    )
    const hr = await createUser({ organisation: department, roles: ['department_hr'] })
    for (const other of [reports[0], hr]) {
      const page = await client.get(`/learning/nominations/${resultId(response)}`).loginAs(other)
      page.assertStatus(404)
      const csv = await client
        .get(`/learning/nominations/${resultId(response)}/result.csv`)
        .loginAs(other)
      csv.assertStatus(404)
    }
  })

  test('HR ticks people on the people list and books them on the session without JavaScript', async ({
    client,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const hr = await createUser({ organisation: department, roles: ['department_hr'] })
    const people = [
      await createUser({ organisation: department }),
      await createUser({ organisation: department }),
    ]
    const session = await createSession({ course: await createCourse({ title: 'Agile basics' }) })

    const list = await client.get(`/admin/users?nominate=session-${session.id}`).loginAs(hr)
    list.assertStatus(200)
    list.assertTextIncludes('Book the people ticked on Agile basics')
    list.assertTextIncludes(`formaction="/learning/sessions/${session.id}/nominations"`)
    list.assertTextIncludes('form="people-invitations"')

    // What the invitation form sends when the booking button is pressed.
    const response = await submitAs(client, hr).post(
      `/learning/sessions/${session.id}/nominations`,
      {
        who: 'selected',
        people: [people[1].id],
        listed: people.map((p) => p.id),
        source: 'selection',
      }
    )
    response.assertStatus(302)
    assert.deepEqual(await usersOn(session.id), [people[1].id])
    const none = await client.get('/admin/users?nominate=session-999999999').loginAs(hr)
    none.assertStatus(200)
    assert.notInclude(none.text(), 'Book the people ticked')
  })
})

test.group('Nomination from a CSV file', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each row is booked or refused with its line: unknown, not a report, duplicate, not an address', async ({
    client,
    assert,
  }) => {
    const { department, manager, reports } = await managerWithReports(2)
    const colleague = await createUser({ organisation: department })
    const session = await createSession()
    const file = [
      'Name,Email',
      `First,${reports[0].email.toUpperCase()}`,
      'Nobody,nobody@example.invalid',
      `Colleague,${colleague.email}`,
      `Again,${reports[0].email}`,
      'Typo,not-an-address',
      `Second,${reports[1].email}`,
    ].join('\n')
    const response = await client
      .post(`/learning/sessions/${session.id}/nominations/file`)
      .withCsrfToken()
      .loginAs(manager)
      .file('file', Buffer.from(file), { filename: 'people.csv', contentType: 'text/csv' })
      .redirects(0)
    response.assertStatus(302)
    assert.sameMembers(
      await usersOn(session.id),
      reports.map((report) => report.id)
    )
    const page = await client.get(`/learning/nominations/${resultId(response)}`).loginAs(manager)
    page.assertTextIncludes('2 booked, 4 not booked.')
    page.assertTextIncludes('Nobody you can book has this e-mail address')
    page.assertTextIncludes('Not one of your direct reports, so you cannot book them')
    page.assertTextIncludes('Named more than once: booked only once')
    page.assertTextIncludes('This is not an e-mail address')

    const csv = await client
      .get(`/learning/nominations/${resultId(response)}/result.csv`)
      .loginAs(manager)
    csv.assertStatus(200)
    const lines = csv.text().trim().split('\n')
    assert.equal(lines[0], 'Line,Name,Email,Course,Session,Outcome,Code,Waiting list position')
    // Lines of the file: the header is line 1.
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(',')[0]),
      ['2', '3', '4', '5', '6', '7']
    )
    assert.include(lines[3], 'not_your_report')
  })

  test('a formula in a name or address is written guarded in the result’s CSV', async ({
    client,
    assert,
  }) => {
    const { manager } = await managerWithReports(0)
    const sly = await createUser({
      overrides: { lineManagerId: manager.id, fullName: '=HYPERLINK("http://x.test")' },
    })
    const session = await createSession()
    const response = await submitAs(client, manager).post(
      `/learning/sessions/${session.id}/nominations`,
      { source: 'emails', emails: `${sly.email}\n=1+2` }
    )
    const csv = await client
      .get(`/learning/nominations/${resultId(response)}/result.csv`)
      .loginAs(manager)
    assert.include(csv.text(), `"'=HYPERLINK(""http://x.test"")"`)
    assert.include(csv.text(), "'=1+2")
  })

  test('a file that is not a CSV, or has no addresses, is refused with what to do', async ({
    client,
    assert,
  }) => {
    const { manager } = await managerWithReports(1)
    const session = await createSession()
    const send = (content: Buffer) =>
      client
        .post(`/learning/sessions/${session.id}/nominations/file`)
        .withCsrfToken()
        .loginAs(manager)
        .file('file', content, { filename: 'people.csv', contentType: 'text/csv' })
        .redirects(0)
    const binary = await send(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))
    binary.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })
    const empty = await send(Buffer.from('Email\n\n'))
    empty.assertFlashMessage('inputErrorsBag', {
      file: ['The selected file has no e-mail addresses in it'],
    })
    assert.lengthOf(await enrolmentsOf(session.id), 0)
  })
})

test.group('Nomination onto a self-paced course', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line manager enrols their reports on a self-paced course that needs approval: started, nominated by them', async ({
    client,
    assert,
  }) => {
    const { manager, reports } = await managerWithReports(2)
    const course = await createCourse({
      title: 'Cyber security essentials',
      requiresApproval: true,
    })
    await Course.query().where('id', course.id).update({ delivery: 'self_paced' })

    const coursePage = await client.get(`/learning/courses/${course.id}`).loginAs(manager)
    coursePage.assertTextIncludes(`href="/learning/courses/${course.id}/nominate"`)
    const form = await client.get(`/learning/courses/${course.id}/nominate`).loginAs(manager)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Enrol people on Cyber security essentials</h1>')

    const response = await submitAs(client, manager).post(
      `/learning/courses/${course.id}/nominations`,
      { source: 'reports', people: reports.map((report) => report.id) }
    )
    response.assertStatus(302)
    const runs = await SelfPacedEnrolment.query().where('course_id', course.id).orderBy('id')
    assert.deepEqual(
      runs.map((run) => [run.userId, run.status, run.nominatedBy]),
      reports.map((report) => [report.id, 'in_progress', manager.id])
    )
    const again = await submitAs(client, manager).post(
      `/learning/courses/${course.id}/nominations`,
      { source: 'reports', people: [reports[0].id] }
    )
    const page = await client.get(`/learning/nominations/${resultId(again)}`).loginAs(manager)
    page.assertTextIncludes('<h1>People enrolled on Cyber security essentials</h1>')
    page.assertTextIncludes('0 enrolled, 1 already on the course, 0 not enrolled.')
    assert.lengthOf(await SelfPacedEnrolment.query().where('course_id', course.id), 2)

    const scheduled = await createCourse()
    const notSelfPaced = await client
      .get(`/learning/courses/${scheduled.id}/nominate`)
      .loginAs(manager)
    notSelfPaced.assertStatus(404)
  })
})

test.group('Nomination in the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line manager books people by id and address, answered with what happened to each', async ({
    client,
    assert,
  }) => {
    const { manager, reports } = await managerWithReports(2)
    const session = await createSession({ capacity: 1 })
    const response = await apiAs(client, await bearer(manager))
      .post(`/api/v1/sessions/${session.id}/nominations`)
      .json({ userIds: [reports[0].id], emails: [reports[1].email, 'nobody@example.invalid'] })
    response.assertStatus(201)
    const body = response.body().data
    assert.equal(body.sessionId, session.id)
    assert.deepEqual(body.counts, { booked: 1, waitlisted: 1, already: 0, refused: 1 })
    assert.deepEqual(
      body.people.map((person: any) => [person.position, person.userId, person.outcome]),
      [
        [1, reports[0].id, 'booked'],
        [2, reports[1].id, 'waitlisted'],
        [3, null, 'unknown_email'],
      ]
    )
    assert.equal(body.people[1].waitlistPosition, 1)
    assert.equal(body.people[2].email, 'nobody@example.invalid')

    const again = await apiAs(client, await bearer(manager))
      .post(`/api/v1/sessions/${session.id}/nominations`)
      .json({ userIds: [reports[0].id] })
    again.assertStatus(201)
    assert.equal(again.body().data.people[0].outcome, 'already_enrolled')
    assert.lengthOf(await enrolmentsOf(session.id), 2)
  })

  test('no person answers 422 naming the field; an unknown property 422; nothing is booked', async ({
    client,
    assert,
  }) => {
    const { manager } = await managerWithReports(1)
    const session = await createSession()
    const auth = await bearer(manager)
    const empty = await apiAs(client, auth)
      .post(`/api/v1/sessions/${session.id}/nominations`)
      .json({})
    empty.assertStatus(422)
    assert.deepEqual(
      empty.body().errors.map((error: { field: string }) => error.field),
      ['userIds']
    )
    const badId = await apiAs(client, auth)
      .post(`/api/v1/sessions/${session.id}/nominations`)
      .json({ userIds: ['12x'] })
    badId.assertStatus(422)
    assert.deepEqual(
      badId.body().errors.map((error: { field: string }) => error.field),
      ['userIds.0']
    )
    assert.lengthOf(await enrolmentsOf(session.id), 0)
  })

  test('HR naming another department’s person answers 404 and books nobody; an unknown session 404; a learner 403', async ({
    client,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const hr = await createUser({ organisation: department, roles: ['department_hr'] })
    const own = await createUser({ organisation: department })
    const stranger = await createUser()
    const session = await createSession()
    const auth = await bearer(hr)

    const other = await apiAs(client, auth)
      .post(`/api/v1/sessions/${session.id}/nominations`)
      .json({ userIds: [own.id, stranger.id] })
    other.assertStatus(404)
    assert.lengthOf(await enrolmentsOf(session.id), 0)

    const missing = await apiAs(client, auth)
      .post('/api/v1/sessions/999999999/nominations')
      .json({ userIds: [own.id] })
    missing.assertStatus(404)

    const learner = await apiAs(client, await bearer(own))
      .post(`/api/v1/sessions/${session.id}/nominations`)
      .json({ userIds: [own.id] })
    learner.assertStatus(403)
  })

  test('HR enrols people of their department on a self-paced course through the API', async ({
    client,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const hr = await createUser({ organisation: department, roles: ['department_hr'] })
    const person = await createUser({ organisation: department })
    const course = await createCourse()
    await Course.query().where('id', course.id).update({ delivery: 'self_paced' })
    const response = await apiAs(client, await bearer(hr))
      .post(`/api/v1/courses/${course.id}/nominations`)
      .json({ emails: [person.email] })
    response.assertStatus(201)
    assert.equal(response.body().data.people[0].outcome, 'started')
    assert.isNull(response.body().data.sessionId)
    const run = await SelfPacedEnrolment.query().where('user_id', person.id).firstOrFail()
    assert.equal(run.nominatedBy, hr.id)
  })
})

test.group('Nomination in the demo', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the demo’s first learner with reports booked three of them on an open session, and one address matched nobody', async ({
    client,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const manager = await createUser({
      organisation: department,
      overrides: { email: 'learner001@demo.example' },
    })
    const reports: User[] = []
    for (let index = 0; index < 4; index++) {
      reports.push(
        await createUser({ organisation: department, overrides: { lineManagerId: manager.id } })
      )
    }
    const session = await createSession({ capacity: 5 })
    const selfPaced = await createCourse({ title: 'Accessibility essentials' })
    await Course.query().where('id', selfPaced.id).update({ delivery: 'self_paced' })

    const seeded = await seedDemoNominations(db.connection(), { now: DateTime.now() })
    assert.deepEqual(seeded, { nominations: 2, booked: 3, started: 2 })
    assert.isNull(await seedDemoNominations(db.connection(), { now: DateTime.now() }))
    const rows = await enrolmentsOf(session.id)
    assert.deepEqual(
      rows.map((row) => [row.status, row.nominatedBy, row.decidedBy]),
      Array.from({ length: 3 }, () => ['booked', manager.id, manager.id])
    )

    const runs = await SelfPacedEnrolment.query().where('course_id', selfPaced.id)
    assert.deepEqual(
      runs.map((run) => [run.status, run.nominatedBy]),
      [
        ['in_progress', manager.id],
        ['in_progress', manager.id],
      ]
    )

    // From the approvals page to the list, newest first: the self-paced enrolment, then the session.
    const approvals = await client.get('/learning/approvals').loginAs(manager)
    approvals.assertTextIncludes('href="/learning/nominations"')
    const list = await client.get('/learning/nominations').loginAs(manager)
    list.assertStatus(200)
    const links = [...list.text().matchAll(/href="(\/learning\/nominations\/\d+)"/g)].map(
      (match) => match[1]
    )
    assert.lengthOf(links, 2)
    const newest = await client.get(links[0]).loginAs(manager)
    newest.assertTextIncludes('People enrolled on Accessibility essentials')
    newest.assertTextIncludes('2 enrolled, 0 not enrolled.')
    newest.assertTextIncludes('Enrolled: they can start the course now')
    newest.assertTextIncludes(`href="/learning/courses/${selfPaced.id}/nominate"`)
    const page = await client.get(links[1]).loginAs(manager)
    page.assertStatus(200)
    page.assertTextIncludes('3 booked, 1 not booked.')
    page.assertTextIncludes(DEMO_UNKNOWN_ADDRESS)

    const learner = await client.get('/learning/nominations').loginAs(await createUser())
    learner.assertStatus(403)
  })
})
