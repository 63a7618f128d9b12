import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createAudience,
  createCourse,
  createEnrolment,
  createSession,
} from '#database/factories/learning_factory'
import { createRole } from '#database/factories/framework_factory'
import type User from '#models/user'
import type Enrolment from '#models/enrolment'
import type { ApiClient } from '@japa/api-client'
import { enrol } from '#actions/learning/enrol'
import { createRoleAssignment } from '#database/factories/capability_factory'
import { submitAs } from '#tests/support/forms'
import { managerAndReport } from '#tests/support/fixtures/line_management'

/* A line manager, Maria Manager, with one direct report, Lena Learner, in the same department. */
const MARIA_AND_LENA = {
  manager: { fullName: 'Maria Manager' },
  report: { fullName: 'Lena Learner' },
}

async function requestPlace(learner: User, options: { capacity?: number; title?: string } = {}) {
  const session = await createSession({
    capacity: options.capacity,
    course: await createCourse({
      title: options.title ?? 'Leading change',
      requiresApproval: true,
    }),
  })
  const result = await enrol(learner, session.id, { note: 'For my new team' })
  if (result.type !== 'requested') throw new Error(`Expected a request, got ${result.type}`)
  return { session, request: result.enrolment }
}

/* A line manager's decision on a request, as the approvals page sends it. */
function decide(
  client: ApiClient,
  manager: User,
  request: Enrolment,
  form: Record<string, unknown>
) {
  return submitAs(client, manager).post(`/learning/approvals/${request.id}`, form)
}

test.group('Approvals', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line manager sees their reports’ requests with name, course, session, note and date requested', async ({
    client,
    assert,
  }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)
    const otherManager = await createUser()
    const stranger = await createUser({
      overrides: { fullName: 'Sam Stranger', lineManagerId: otherManager.id },
    })
    await requestPlace(stranger, { title: 'Someone else’s course' })

    const response = await client.get('/learning/approvals').loginAs(manager)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Requests to approve</h1>')
    response.assertTextIncludes('Lena Learner: Leading change')
    response.assertTextIncludes('For my new team')
    response.assertTextIncludes('(UK time)')
    response.assertTextIncludes(DateTime.now().setZone('Europe/London').toFormat('d LLLL yyyy'))
    response.assertTextIncludes(`action="/learning/approvals/${request.id}"`)
    response.assertTextIncludes('name="decision" value="approve"')
    response.assertTextIncludes('name="decision" value="decline"')
    response.assertTextIncludes(`id="field-reason-${request.id}"`)
    assert.notInclude(response.text(), 'Sam Stranger')
  })

  test('approving a request books the learner, who then sees the booking on my learning', async ({
    client,
    assert,
  }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)

    const response = await decide(client, manager, request, {
      decision: 'approve',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/learning/approvals')
    response.assertFlashMessage(
      'success',
      'You approved Lena Learner’s request: they are booked on Leading change'
    )
    await request.refresh()
    assert.equal(request.status, 'booked')
    assert.equal(request.decidedBy, manager.id)

    const mine = await client.get('/learning/my').loginAs(learner)
    mine.assertTextIncludes(`href="/learning/enrolments/${request.id}/invite.ics"`)
  })

  test('approving a request for a full session puts the learner on the waiting list', async ({
    client,
    assert,
  }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { session, request } = await requestPlace(learner, { capacity: 1 })
    const seatHolder = await createUser()
    await createEnrolment(session, seatHolder)
    const response = await decide(client, manager, request, {
      decision: 'approve',
    })
    response.assertFlashMessage(
      'success',
      'You approved Lena Learner’s request: the session is full, so they are number 1 on the waiting list for Leading change'
    )
    await request.refresh()
    assert.equal(request.status, 'waitlisted')
    assert.equal(request.waitlistPosition, 1)
  })

  test('declining needs a reason: without one the request’s own field says so and nothing changes', async ({
    client,
    assert,
  }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)
    const response = await decide(client, manager, request, {
      decision: 'decline',
      reason: '  ',
    })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      [`reason-${request.id}`]: ['Enter why you are declining Lena Learner’s request'],
    })
    await request.refresh()
    assert.equal(request.status, 'requested')

    const page = await client
      .get('/learning/approvals')
      .loginAs(manager)
      .withFlashMessages({
        inputErrorsBag: { [`reason-${request.id}`]: ['Enter why you are declining'] },
      })
    page.assertTextIncludes(`href="#field-reason-${request.id}"`)
    page.assertTextIncludes('aria-invalid="true"')
  })

  test('declining with a reason records it, and the learner sees the reason in their history', async ({
    client,
    assert,
  }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)
    const response = await decide(client, manager, request, {
      decision: 'decline',
      reason: 'Not in this year’s plan',
    })
    response.assertFlashMessage('success', 'You declined Lena Learner’s request for Leading change')
    await request.refresh()
    assert.equal(request.status, 'declined')
    assert.equal(request.decisionReason, 'Not in this year’s plan')

    const history = await client.get('/learning/my').loginAs(learner)
    history.assertTextIncludes('Declined')
    history.assertTextIncludes('Not in this year’s plan')
  })

  test('a manager who is not the learner’s, in another department, cannot decide their request: 404', async ({
    client,
    assert,
  }) => {
    const { report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)
    const elsewhere = await OrganisationFactory.create()
    const otherManager = await createUser({ organisation: elsewhere })
    await createUser({ organisation: elsewhere, overrides: { lineManagerId: otherManager.id } })

    const attempts = [
      { decision: 'approve' },
      { decision: 'decline', reason: 'No' },
      { decision: 'decline', reason: '' },
      { decision: 'maybe' },
    ]
    for (const form of attempts) {
      const response = await decide(client, otherManager, request, form)
      response.assertStatus(404)
    }
    const page = await client.get('/learning/approvals').loginAs(otherManager)
    assert.notInclude(page.text(), 'Lena Learner')
    await request.refresh()
    assert.equal(request.status, 'requested')
  })

  test('an unknown request is not found, whatever the decision', async ({ client }) => {
    const { manager } = await managerAndReport(MARIA_AND_LENA)
    for (const form of [{ decision: 'approve' }, { decision: 'decline', reason: '' }]) {
      const response = await submitAs(client, manager).post('/learning/approvals/999999', form)
      response.assertStatus(404)
    }
  })

  test('a learner cannot approve their own request', async ({ client, assert }) => {
    const { report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)
    const response = await decide(client, learner, request, {
      decision: 'approve',
    })
    response.assertStatus(404)
    await request.refresh()
    assert.equal(request.status, 'requested')
  })

  test('a request already decided cannot be decided again', async ({ client, assert }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)
    await decide(client, manager, request, {
      decision: 'approve',
    })
    const again = await decide(client, manager, request, {
      decision: 'decline',
      reason: 'Changed my mind',
    })
    again.assertFlashMessage(
      'error',
      'Lena Learner’s request for Leading change is no longer waiting for a decision'
    )
    await request.refresh()
    assert.equal(request.status, 'booked')
  })

  test('after booking closes a request can no longer be approved, but can be declined', async ({
    client,
    assert,
  }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { session, request } = await requestPlace(learner)
    session.bookingClosesAt = DateTime.now().minus({ minutes: 5 })
    await session.save()

    const page = await client.get('/learning/approvals').loginAs(manager)
    page.assertTextIncludes('so you can no longer approve this request')
    assert.notInclude(page.text(), 'name="decision" value="approve"')

    const approve = await decide(client, manager, request, {
      decision: 'approve',
    })
    const flash = approve.flashMessages().error as string
    assert.match(
      flash,
      /^You cannot approve Lena Learner’s request: booking for the session closed/
    )
    await request.refresh()
    assert.equal(request.status, 'requested')

    await decide(client, manager, request, {
      decision: 'decline',
      reason: 'Too late',
    })
    await request.refresh()
    assert.equal(request.status, 'declined')
  })

  test('a decision that is neither approve nor decline gets a message and changes nothing', async ({
    client,
    assert,
  }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)
    const response = await decide(client, manager, request, {
      decision: 'maybe',
    })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      [`reason-${request.id}`]: ['Choose whether to approve or decline the request'],
    })
    await request.refresh()
    assert.equal(request.status, 'requested')
  })

  test('people with no direct reports see an empty state, and no Approvals link', async ({
    client,
    assert,
  }) => {
    const person = await createUser()
    const response = await client.get('/learning/approvals').loginAs(person)
    response.assertStatus(200)
    response.assertTextIncludes('No one reports to you on the service')
    assert.notInclude(response.text(), 'href="/learning/approvals"')
    response.assertTextIncludes('href="/learning/my"')
  })

  test('line managers have an Approvals link and an empty state when nothing waits', async ({
    client,
  }) => {
    const { manager } = await managerAndReport(MARIA_AND_LENA)
    const response = await client.get('/learning/approvals').loginAs(manager)
    response.assertTextIncludes('href="/learning/approvals"')
    response.assertTextIncludes('There are no requests waiting for your decision')
  })

  test('a decision posted without its CSRF token changes nothing', async ({ client, assert }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { request } = await requestPlace(learner)
    await client
      .post(`/learning/approvals/${request.id}`)
      .loginAs(manager)
      .form({ decision: 'approve' })
      .redirects(0)
    await request.refresh()
    assert.equal(request.status, 'requested')
  })
})

/* Someone else already holds a seat on the session. */
async function seatTaken(sessionId: number) {
  const other = await createUser()
  await createEnrolment(sessionId, other, { bookedAt: DateTime.now() })
}

test.group('Approvals: what the line manager weighs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each request shows the cost, the seats left, and “Mandatory for their role” only when the course is mandatory for the role the requester holds', async ({
    client,
    assert,
  }) => {
    const { manager, report: learner } = await managerAndReport(MARIA_AND_LENA)
    const { levels, role } = await createRole({
      role: 'Service manager',
      levels: [{ name: 'Service manager', needs: { 'Service ownership': 3 } }],
    })
    await createRoleAssignment(learner, levels[0])
    const programme = await createCourse({
      title: 'Service Manager programme',
      requiresApproval: true,
      costPence: 295000,
    })
    await createAudience(programme, role, 'mandatory')
    const programmeSession = await createSession({ course: programme, capacity: 3 })
    await seatTaken(programmeSession.id)
    const programmeRequest = await enrol(learner, programmeSession.id)
    assert.equal(programmeRequest.type, 'requested')

    const optional = await createCourse({
      title: 'Leading change',
      requiresApproval: true,
      costPence: 45050,
    })
    await createAudience(optional, role, 'recommended')
    const fullSession = await createSession({ course: optional, capacity: 2 })
    await seatTaken(fullSession.id)
    await seatTaken(fullSession.id)
    const optionalRequest = await enrol(learner, fullSession.id)
    assert.equal(optionalRequest.type, 'requested')

    const response = await client.get('/learning/approvals').loginAs(manager)
    response.assertStatus(200)
    const html = response.text()
    const sectionOf = (title: string) => {
      const start = html.indexOf(`Lena Learner: ${title}</h2>`)
      const end = html.indexOf('</section>', start)
      return html.slice(start, end)
    }
    const mandatory = sectionOf('Service Manager programme')
    assert.include(mandatory, 'Mandatory for their role')
    assert.match(mandatory, /Cost<\/dt>\s*<dd[^>]*>\s*£2,950\s*<\/dd>/)
    assert.match(mandatory, /Seats left<\/dt>\s*<dd[^>]*>\s*2 of 3\s*<\/dd>/)
    const other = sectionOf('Leading change')
    assert.notInclude(other, 'Mandatory for their role')
    assert.match(other, /Cost<\/dt>\s*<dd[^>]*>\s*£450.50\s*<\/dd>/)
    assert.include(other, 'None: all 2 are taken, so approving puts them on the waiting list')
  })
})
