import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createCompletion,
  createCourse,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import Certificate from '#models/certificate'
import { createRole } from '#database/factories/framework_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createTeam,
} from '#database/factories/fast_stream_factory'
import { bearer, apiAs } from '#tests/support/api'
import { rowCount } from '#tests/support/database'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { enrol } from '#actions/learning/enrol'
import { createService } from '#database/factories/workforce_factory'
import {
  createSelfPacedCourse,
  createSelfPacedEnrolment,
} from '#database/factories/self_paced_factory'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import Skill from '#models/skill'
import SkillAssessment from '#models/skill_assessment'
import User from '#models/user'
import { openApiDocument } from '../../../app/openapi/document.js'
import { HTTP_METHODS } from '../../../app/openapi/types.js'
import { createAssessment, createRoleAssignment } from '#database/factories/capability_factory'
import type { ApiClient } from '@japa/api-client'
import { submitWithDatesAs } from '#tests/support/date_input'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

const UK = 'Europe/London'
const nextYear = DateTime.now().year + 1

const COURSE_BODY = {
  code: 'STRICT-101',
  title: 'Strict input',
  summary: 'What a service should refuse.',
  mode: 'online',
  status: 'draft',
  requiresApproval: false,
  durationHours: 7,
  cost: 450,
}

const SESSION_BODY = {
  startsAt: `${nextYear}-07-14T09:30:00+01:00`,
  endsAt: `${nextYear}-07-14T16:30:00+01:00`,
  capacity: 20,
  onlineUrl: 'https://meet.example.gov.uk/strict',
}

const SESSION_FORM = {
  startDate: `${nextYear}-07-14`,
  startTime: '09:30',
  endDate: '',
  endTime: '16:30',
  closesDate: '',
  closesTime: '',
  venue: 'Aviation House',
  location: 'London',
  onlineUrl: '',
  capacity: '12',
}

type FieldError = { field: string; message: string; rule?: string }

const errorsOf = (body: { errors?: FieldError[] }) => body.errors ?? []
const fieldsOf = (body: { errors?: FieldError[] }) => errorsOf(body).map((error) => error.field)

/* Every change the service makes is audited, and tokens are rows: together, "anything written". */
async function writes() {
  const [audits, tokens] = await Promise.all([
    rowCount('audit_events'),
    rowCount('auth_access_tokens'),
  ])
  return audits + tokens
}

/* The last day a session may start on today: ten years ahead, and never past 2037. */
function latestSessionDay() {
  const ahead = DateTime.now().setZone(UK).plus({ years: 10 }).toISODate()!
  return ahead > '2037-12-31' ? '2037-12-31' : ahead
}

const longDate = (isoDay: string) => DateTime.fromISO(isoDay, { zone: UK }).toFormat('d MMMM yyyy')

async function courseAdmin() {
  const admin = await createUser({ roles: ['course_admin'] })
  const provider = await createProvider('Strict Academy', [admin])
  const course = await createCourse({ provider })
  return { admin, provider, course, auth: await bearer(admin) }
}

/* A person in a role level needing Programming, with a line manager and a self-assessment. */
async function personInRole() {
  const { levels } = await createRole({
    levels: [{ name: 'Developer', needs: { Programming: 2 } }],
  })
  const manager = await createUser()
  const person = await createUser({ overrides: { lineManagerId: manager.id } })
  await createRoleAssignment(person, levels[0])
  const programming = await Skill.findByOrFail('name', 'Programming')
  const assessment = await createAssessment(person, programming, 3, { assessedBy: person.id })
  return { manager, person, programming, assessment }
}

/*
 * For each documented API write, an address and a caller that get past
 * authorisation and "not found", so the body is what gets judged.
 */
async function writeTargets() {
  const { course, auth: courseAdminAuth } = await courseAdmin()
  const { manager, person, assessment } = await personInRole()
  const session = await createSession()
  const bookedOn = await createSession()
  const booked = await enrol(person, bookedOn.id)
  if (!('enrolment' in booked)) throw new Error(`Could not enrol: ${booked.type}`)
  const round = await createRound()
  const placement = await createPlacement(round, { team: await createTeam() })
  const closed = await createRound({ status: 'closed' })
  const { user: entrant } = await createEntrant()
  const fastStreamAdmin = await createUser({ roles: ['fast_stream_admin'] })
  const personAuth = await bearer(person)
  // A service the person is Service Manager of, reporting last month.
  const managed = await createService(person.organisationId, 'Tax your vehicle', {
    serviceManagerId: person.id,
  })
  const lastMonth = DateTime.now().setZone(UK).minus({ months: 1 }).toFormat('yyyy-MM')
  const adminAuth = await bearer(fastStreamAdmin)
  // The person's line manager books people on a session, or on a self-paced course.
  const managerAuth = await bearer(manager)
  const selfPaced = await createCourse()
  await Course.query().where('id', selfPaced.id).update({ delivery: 'self_paced' })
  // A certificate a capability admin may revoke.
  const completion = await createCompletion(person, await createCourse())
  const certificate = await Certificate.create({
    learningRecordId: completion.id,
    userId: person.id,
    courseId: completion.courseId!,
    code: 'STRCT2345678',
    issuedAt: DateTime.now(),
    validUntil: null,
  })
  const capabilityAdmin = await createUser({ roles: ['capability_admin'] })
  // A session the person attended and a self-paced course they completed, to give feedback on.
  const attended = await createEnrolment(await createSession(), person, { status: 'attended' })
  const completedRun = await SelfPacedEnrolment.create({
    userId: person.id,
    courseId: selfPaced.id,
    status: 'completed',
    activeCourseId: null,
    startedAt: DateTime.now().minus({ days: 2 }),
    completedAt: DateTime.now().minus({ days: 1 }),
  })
  // A self-paced course the person has in progress, and one they have not started.
  const running = await createSelfPacedCourse()
  const runningRun = await createSelfPacedEnrolment(person, running.course)
  const { course: notStarted } = await createSelfPacedCourse()
  const targets: Record<string, { url: string; auth: string | null }> = {
    createToken: { url: '/tokens', auth: null },
    startSelfPacedCourse: { url: `/courses/${notStarted.id}/start`, auth: personAuth },
    withdrawSelfPacedEnrolment: {
      url: `/me/self-paced-enrolments/${runningRun.id}`,
      auth: personAuth,
    },
    completeModule: { url: `/modules/${running.modules[0].id}/completion`, auth: personAuth },
    revokeCertificate: {
      url: `/certificates/${certificate.id}/revocation`,
      auth: await bearer(capabilityAdmin),
    },
    revokeCurrentToken: { url: '/tokens/current', auth: personAuth },
    createCourse: { url: '/courses', auth: courseAdminAuth },
    createSession: { url: `/courses/${course.id}/sessions`, auth: courseAdminAuth },
    enrol: { url: `/sessions/${session.id}/enrolments`, auth: personAuth },
    cancelEnrolment: { url: `/enrolments/${booked.enrolment.id}`, auth: personAuth },
    submitSelfAssessment: { url: '/me/assessments', auth: personAuth },
    validateAssessment: {
      url: `/assessments/${assessment.id}/validation`,
      auth: await bearer(manager),
    },
    addPlanItem: { url: '/me/plan/items', auth: personAuth },
    replaceMyPreferences: { url: `/rounds/${round.id}/preferences`, auth: await bearer(entrant) },
    rankApplicants: { url: `/placements/${placement.id}/rankings`, auth: adminAuth },
    runMatch: { url: `/rounds/${closed.id}/match`, auth: adminAuth },
    putServicePerformance: {
      url: `/services/${managed.id}/performance/${lastMonth}`,
      auth: personAuth,
    },
    putTrainingBudget: {
      url: `/organisations/${person.organisationId}/training-budget`,
      auth: await bearer(await createUser({ roles: ['capability_admin'] })),
    },
    createRequirement: { url: '/requirements', auth: await bearer(capabilityAdmin) },
    nominateOnSession: { url: `/sessions/${session.id}/nominations`, auth: managerAuth },
    nominateOnCourse: { url: `/courses/${selfPaced.id}/nominations`, auth: managerAuth },
    giveFeedback: { url: `/enrolments/${attended.id}/feedback`, auth: personAuth },
    giveSelfPacedFeedback: {
      url: `/self-paced-enrolments/${completedRun.id}/feedback`,
      auth: personAuth,
    },
  }
  return targets
}

test.group('Strict input: API bodies are held to the OpenAPI document', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session’s capacity as true, "0x10", "12" or 12.5 answers 422 naming capacity, and nothing is saved', async ({
    client,
    assert,
  }) => {
    const { course, auth } = await courseAdmin()
    for (const capacity of [true, '0x10', '12', 12.5]) {
      const response = await apiAs(client, auth)
        .post(`/api/v1/courses/${course.id}/sessions`)
        .json({ ...SESSION_BODY, capacity })
      assert.equal(response.status(), 422, JSON.stringify(capacity))
      response.assertHeader('content-type', 'application/problem+json; charset=utf-8')
      assert.deepEqual(errorsOf(response.body()), [
        {
          field: 'capacity',
          message: 'Enter the capacity as a whole number, like 12',
          rule: 'number',
        },
      ])
    }
    assert.lengthOf(await CourseSession.query().where('course_id', course.id), 0)
  })

  test('numbers for text, text for numbers and words for yes or no are refused on a course, never converted', async ({
    client,
    assert,
  }) => {
    const { auth } = await courseAdmin()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ requiresApproval: 'true' }, 'requiresApproval'],
      [{ requiresApproval: 1 }, 'requiresApproval'],
      [{ durationHours: '7' }, 'durationHours'],
      [{ cost: '450' }, 'cost'],
      [{ title: 42 }, 'title'],
      [{ mode: ['online'] }, 'mode'],
    ]
    for (const [change, field] of cases) {
      const response = await apiAs(client, auth)
        .post('/api/v1/courses')
        .json({ ...COURSE_BODY, ...change })
      assert.equal(response.status(), 422, JSON.stringify(change))
      assert.deepEqual(fieldsOf(response.body()), [field], JSON.stringify(change))
    }
    assert.isNull(await Course.findBy('code', 'STRICT-101'))
  })

  test('an unknown property answers 422 naming it, at the top of a body or inside a list item', async ({
    client,
    assert,
  }) => {
    const { course, auth } = await courseAdmin()
    const session = await apiAs(client, auth)
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json({ ...SESSION_BODY, capacity: '20', status: 'cancelled' })
    session.assertStatus(422)
    assert.deepEqual(errorsOf(session.body()), [
      {
        field: 'status',
        message: 'Remove status: it is not a field this request takes',
        rule: 'additionalProperties',
      },
      {
        field: 'capacity',
        message: 'Enter the capacity as a whole number, like 12',
        rule: 'number',
      },
    ])

    const { person, programming } = await personInRole()
    const assessments = await apiAs(client, await bearer(person))
      .put('/api/v1/me/assessments')
      .json({ assessments: [{ skillId: programming.id, level: '3', evidence: 'Shipped it' }] })
    assessments.assertStatus(422)
    assert.sameMembers(fieldsOf(assessments.body()), [
      'assessments.0.evidence',
      'assessments.0.level',
    ])
    assert.lengthOf(await SkillAssessment.query().where('user_id', person.id), 1)
  })

  test('a caller without a valid token gets 401 whatever the body; the public token request is checked too', async ({
    client,
    assert,
  }) => {
    const anonymous = await client.post('/api/v1/courses').json({ ...COURSE_BODY, extra: true })
    anonymous.assertStatus(401)
    const user = await createUser()
    const before = await writes()
    const token = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: 'correct-horse-battery', remember: true })
    token.assertStatus(422)
    assert.deepEqual(fieldsOf(token.body()), ['remember'])
    assert.equal(await writes(), before)
  })

  test('every documented API write answers 422 naming an unknown property, and writes nothing', async ({
    client,
    assert,
  }) => {
    const targets = await writeTargets()
    const seen: string[] = []
    for (const [path, item] of Object.entries(openApiDocument().paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method]
        if (!operation || method === 'get') continue
        seen.push(operation.operationId)
        const target = targets[operation.operationId]
        assert.exists(target, `${operation.operationId} has a request in this test`)
        const before = await writes()
        const request = client[method](`/api/v1${target.url}`)
        if (target.auth) request.header('Authorization', target.auth)
        const response = await request.json({ notAField: 'x' })
        const label = `${method.toUpperCase()} ${path}`
        assert.equal(response.status(), 422, `${label}: ${response.text()}`)
        assert.deepInclude(
          errorsOf(response.body()),
          {
            field: 'notAField',
            message: 'Remove notAField: it is not a field this request takes',
            rule: 'additionalProperties',
          },
          label
        )
        assert.equal(await writes(), before, `${label} wrote nothing`)
      }
    }
    assert.sameMembers(seen, Object.keys(targets))
  })
})

test.group('Strict input: control characters in text fields', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course form refuses NUL, a text-direction override or a line break in its title; its summary keeps line breaks', async ({
    client,
    assert,
  }) => {
    const { admin, provider } = await courseAdmin()
    const form = {
      code: 'CTRL-101',
      summary: 'First line.\r\nSecond line,\twith a tab.',
      provider: String(provider.id),
      mode: 'online',
      durationHours: '7',
      cost: '0',
      status: 'draft',
      requiresApproval: 'false',
    }
    for (const title of [
      'Agile\u0000basics',
      'Agile \u202Esbasic',
      'Agile\nbasics',
      'Agile\u0085',
    ]) {
      const response = await submitAs(client, admin).post('/learning/admin/courses', {
        ...form,
        title,
      })
      response.assertFlashMessage('inputErrorsBag', {
        title: ['The title must not contain line breaks, tabs or hidden control characters'],
      })
    }
    assert.isNull(await Course.findBy('code', 'CTRL-101'))

    const hidden = await submitAs(client, admin).post('/learning/admin/courses', {
      ...form,
      title: 'Agile basics',
      summary: 'Fine\u2066 until here',
    })
    hidden.assertFlashMessage('inputErrorsBag', {
      summary: ['The summary must not contain hidden control characters'],
    })

    await submitAs(client, admin).post('/learning/admin/courses', {
      ...form,
      title: 'Agile basics',
    })
    const saved = await Course.findByOrFail('code', 'CTRL-101')
    assert.equal(saved.summary, form.summary)
  })

  test('the API refuses control characters in a session’s venue and a course’s title, and keeps a summary’s line breaks', async ({
    client,
    assert,
  }) => {
    const { course, auth } = await courseAdmin()
    const session = await apiAs(client, auth)
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json({ ...SESSION_BODY, venue: 'Room 1\u202E', location: 'Leeds\r\nYork' })
    session.assertStatus(422)
    assert.deepEqual(errorsOf(session.body()), [
      {
        field: 'venue',
        message: 'The venue must not contain line breaks, tabs or hidden control characters',
        rule: 'controlCharacters',
      },
      {
        field: 'location',
        message: 'The location must not contain line breaks, tabs or hidden control characters',
        rule: 'controlCharacters',
      },
    ])
    assert.lengthOf(await CourseSession.query().where('course_id', course.id), 0)

    const title = await apiAs(client, auth)
      .post('/api/v1/courses')
      .json({ ...COURSE_BODY, title: 'Strict\u0007input' })
    title.assertStatus(422)
    assert.deepEqual(fieldsOf(title.body()), ['title'])

    const summary = 'Line one.\nLine two.'
    const created = await apiAs(client, auth)
      .post('/api/v1/courses')
      .json({ ...COURSE_BODY, summary })
    created.assertStatus(201)
    const saved = await Course.findByOrFail('code', 'STRICT-101')
    assert.equal(saved.summary, summary)
  })
})

test.group('Strict input: dates within bounds', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session on 19 January 2038 gets a message on the form and a 422 from the API, not a 500', async ({
    client,
    assert,
  }) => {
    const { admin, course, auth } = await courseAdmin()
    const bounds = `between 1 January 2000 and ${longDate(latestSessionDay())}`
    const form = await submitAs(client, admin).post(
      `/learning/admin/courses/${course.id}/sessions`,
      {
        ...SESSION_FORM,
        startDate: '2038-01-19',
        closesDate: '2038-01-19',
        closesTime: '08:00',
      }
    )
    form.assertStatus(302)
    form.assertFlashMessage('inputErrorsBag', {
      startDate: [`The start date must be ${bounds}`],
      closesDate: [`The date booking closes must be ${bounds}`],
    })

    const api = await apiAs(client, auth)
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json({
        ...SESSION_BODY,
        startsAt: '2038-01-19T09:00:00Z',
        endsAt: '2038-01-19T17:00:00Z',
        bookingClosesAt: '1999-12-31T09:00:00Z',
      })
    api.assertStatus(422)
    assert.deepEqual(errorsOf(api.body()), [
      { field: 'startsAt', message: `startsAt must be ${bounds}, UK time`, rule: 'dateRange' },
      { field: 'endsAt', message: `endsAt must be ${bounds}, UK time`, rule: 'dateRange' },
      {
        field: 'bookingClosesAt',
        message: `bookingClosesAt must be ${bounds}, UK time`,
        rule: 'dateRange',
      },
    ])
    assert.lengthOf(await CourseSession.query().where('course_id', course.id), 0)
  })

  test('a session on the last day accepted is stored as given; a day later is refused', async ({
    client,
    assert,
  }) => {
    const { course, auth } = await courseAdmin()
    const last = latestSessionDay()
    const startsAt = DateTime.fromISO(`${last}T09:00`, { zone: UK })
    const saved = await apiAs(client, auth)
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json({
        ...SESSION_BODY,
        startsAt: `${last}T09:00:00`,
        endsAt: `${last}T23:59:00`,
        bookingClosesAt: `${last}T08:00:00`,
      })
    saved.assertStatus(201)
    const session = await CourseSession.findByOrFail('course_id', course.id)
    await session.refresh()
    assert.equal(session.startsAt.toUTC().toISO(), startsAt.toUTC().toISO())
    assert.equal(
      session.endsAt.toUTC().toISO(),
      DateTime.fromISO(`${last}T23:59`, { zone: UK }).toUTC().toISO()
    )
    assert.equal(saved.body().data.startsAt, startsAt.toUTC().toISO())

    const after = DateTime.fromISO(last).plus({ days: 1 }).toISODate()
    const refused = await apiAs(client, auth)
      .post(`/api/v1/courses/${course.id}/sessions`)
      .json({ ...SESSION_BODY, startsAt: `${after}T09:00:00`, endsAt: `${after}T10:00:00` })
    refused.assertStatus(422)
    assert.deepEqual(fieldsOf(refused.body()), ['startsAt', 'endsAt'])

    // The latest an instant will ever be accepted, the end of 2037, fits the TIMESTAMP columns.
    const capped = await createSession({
      course,
      startsAt: DateTime.fromISO('2037-12-31T23:59', { zone: UK }),
    })
    await capped.refresh()
    assert.equal(capped.startsAt.toUTC().toISO(), '2037-12-31T23:59:00.000Z')
    assert.equal(capped.endsAt.toUTC().toISO(), '2038-01-01T06:59:00.000Z')
  })

  test('plan due dates, campaign dates and round times far ahead or long ago get a field message', async ({
    client,
    assert,
  }) => {
    const dayBounds = `between 1 January 2000 and ${longDate(
      DateTime.now().setZone(UK).plus({ years: 10 }).toISODate()!
    )}`
    const { person, programming } = await personInRole()
    const plan = await apiAs(client, await bearer(person))
      .post('/api/v1/me/plan/items')
      .json({ kind: 'skill', skillId: programming.id, targetLevel: 3, dueOn: '2099-01-01' })
    plan.assertStatus(422)
    assert.deepEqual(errorsOf(plan.body()), [
      {
        field: 'dueOn',
        message: `The due date must be ${longDate(DateTime.now().setZone(UK).plus({ years: 10 }).toISODate()!)} or earlier`,
        rule: 'dueDate',
      },
    ])

    const hr = await createUser({ roles: ['department_hr'] })
    const campaign = await submitAs(client, hr).post('/workforce/campaigns', {
      plannedOn: '1999-12-31',
      closedOn: '2099-01-01',
    })
    const campaignErrors = campaign.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(campaignErrors.plannedOn, [`Date planned must be ${dayBounds}`])
    assert.deepEqual(campaignErrors.closedOn, [`Date filled or closed must be ${dayBounds}`])

    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await submitAs(client, admin).post('/fast-stream/admin/rounds', {
      resultsAt: '2038-01-19T10:00',
      nextRoundOn: '2099-03-01',
    })
    const roundErrors = round.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(roundErrors.resultsAt, [
      `The date and time results are published must be between 1 January 2000 and ${longDate(latestSessionDay())}`,
    ])
    assert.deepEqual(roundErrors.nextRoundOn, [`The date of the next round must be ${dayBounds}`])
  })
})

test.group('Strict input: the line manager lookup keeps to the administrator’s scope', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /* Two departments, the first with an agency and its HR, and a would-be line manager in each. */
  async function departmentsWithManagers() {
    const {
      departmentA: dft,
      agencyA: dvla,
      departmentB: hmrc,
      hrA: dftHr,
    } = await twoDepartments({
      departmentA: { name: 'Transport', code: 'dft-strict' },
      agencyA: { name: 'Licensing', code: 'dvla-strict' },
      departmentB: { name: 'Revenue', code: 'hmrc-strict' },
      learners: true,
    })
    const dvlaManager = await createUser({ organisation: dvla })
    const hmrcManager = await createUser({ organisation: hmrc })
    return { dft, dvla, hmrc, dftHr, dvlaManager, hmrcManager }
  }

  const person = (organisationId: number, lineManagerEmail: string) => ({
    fullName: 'Grace Hopper',
    email: 'grace.hopper@example.gov.uk',
    password: 'a-long-initial-password-for-grace',
    organisationId: String(organisationId),
    lineManagerEmail,
    roles: ['learner'],
  })

  test('department HR get the same answer for a line manager in another department as for no one at all', async ({
    client,
    assert,
  }) => {
    const { dvla, dftHr, hmrcManager } = await departmentsWithManagers()
    const answers = []
    for (const email of [hmrcManager.email, 'nobody-at-all@example.gov.uk']) {
      const response = await submitAs(client, dftHr).post('/admin/users', person(dvla.id, email))
      response.assertStatus(302)
      answers.push(response.flashMessages().inputErrorsBag)
    }
    assert.deepEqual(answers[0], {
      lineManagerEmail: [
        'There is no one in your organisation with this email address: enter the line manager’s email address',
      ],
    })
    assert.deepEqual(answers[1], answers[0])
    assert.isNull(await User.findBy('email', 'grace.hopper@example.gov.uk'))
  })

  test('department HR may name a line manager in an agency of their department; capability admins anyone', async ({
    client,
    assert,
  }) => {
    const { dft, hmrc, dftHr, dvlaManager, hmrcManager } = await departmentsWithManagers()
    await submitAs(client, dftHr).post('/admin/users', person(dft.id, dvlaManager.email))
    const grace = await User.findByOrFail('email', 'grace.hopper@example.gov.uk')
    assert.equal(grace.lineManagerId, dvlaManager.id)

    const admin = await createUser({ roles: ['capability_admin'] })
    await submitAs(client, admin).post('/admin/users', {
      ...person(hmrc.id, hmrcManager.email),
      email: 'alan.turing@example.gov.uk',
      fullName: 'Alan Turing',
    })
    const alan = await User.findByOrFail('email', 'alan.turing@example.gov.uk')
    assert.equal(alan.lineManagerId, hmrcManager.id)
  })

  test('department HR editing a person keep the line manager a capability admin gave them elsewhere', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr, hmrcManager } = await departmentsWithManagers()
    const report = await createUser({
      organisation: dft,
      overrides: { lineManagerId: hmrcManager.id },
    })
    const response = await submitAs(client, dftHr).put(`/admin/users/${report.id}`, {
      fullName: 'Renamed Person',
      email: report.email,
      organisationId: String(dft.id),
      lineManagerEmail: hmrcManager.email,
      roles: ['learner'],
    })
    response.assertHeader('location', `/admin/users/${report.id}`)
    await report.refresh()
    assert.equal(report.fullName, 'Renamed Person')
    assert.equal(report.lineManagerId, hmrcManager.id)
  })
})
