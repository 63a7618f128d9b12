import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import {
  createAudience,
  createCourse,
  createEnrolment,
  createSession,
} from '#database/factories/learning_factory'
import Skill from '#models/skill'
import Enrolment from '#models/enrolment'
import SkillClaim from '#models/skill_claim'
import type Course from '#models/course'
import type User from '#models/user'
import { enrol } from '#actions/learning/enrol'
import { recordAttendance } from '#actions/learning/record_attendance'
import type { RoleAssignmentKind } from '#enums/capability'
import {
  createAssessment,
  createRoleAssignment,
  createSkillClaim,
} from '#database/factories/capability_factory'
import { submitAs } from '#tests/support/forms'

let counter = 0

/* A role level needing two skills, with unique names for this test. */
async function roleNeeding(needs: Record<string, number>) {
  counter += 1
  const named = Object.fromEntries(
    Object.entries(needs).map(([name, level]) => [`${name} ${counter}`, level])
  )
  const { levels } = await createRole({
    levels: [{ name: `Senior analyst ${counter}`, needs: named }],
  })
  const skills: Record<string, Skill> = {}
  for (const name of Object.keys(needs)) {
    skills[name] = await Skill.findByOrFail('name', `${name} ${counter}`)
  }
  return { level: levels[0], skills }
}

async function assign(user: User, roleLevelId: number, kind: RoleAssignmentKind = 'current') {
  return createRoleAssignment(user, roleLevelId, { kind, confirmedAt: DateTime.now() })
}

/* A learner with a line manager, holding a role level that needs these skills. */
async function learnerInRole(needs: Record<string, number>) {
  const manager = await createUser()
  const learner = await createUser({ overrides: { lineManagerId: manager.id } })
  const { level, skills } = await roleNeeding(needs)
  await assign(learner, level.id)
  return { manager, learner, level, skills }
}

async function assess(user: User, skill: Skill, level: number, source: 'self' | 'manager') {
  return createAssessment(user, skill, level, {
    source,
    assessedBy: source === 'self' ? user.id : user.lineManagerId,
  })
}

/* The learner went to a session of the course ten days ago, and the course admin recorded completion. */
async function completedCourse(learner: User, course: Course) {
  const startsAt = DateTime.now()
    .minus({ days: 10 })
    .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
  const session = await createSession({ course, startsAt })
  const enrolment = await createEnrolment(session, learner)
  await recordAttendance(enrolment.id, 'attended')
  const done = await recordAttendance(enrolment.id, 'completed')
  if (done.type !== 'marked') throw new Error(`Could not complete: ${done.type}`)
  return { session, enrolment }
}

/* "3 June 2026": a day as the gap view names it. */
function ukDay(value: DateTime) {
  return value.setZone('Europe/London').setLocale('en-GB').toFormat('d LLLL yyyy')
}

test.group('Capability: the individual gap view', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person without a current role level is asked to choose one', async ({ client }) => {
    const response = await client.get('/capability/gaps').loginAs(await createUser())
    response.assertStatus(200)
    response.assertTextIncludes('You have not chosen your current role level')
    response.assertTextIncludes('href="/capability/role"')
  })

  test('a role level is named once: with its role only when the two names differ', async ({
    client,
    assert,
  }) => {
    counter += 1
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const { levels: same } = await createRole({
      role: `Service Manager ${counter}`,
      levels: [{ name: `Service Manager ${counter}`, needs: { [`Delivery ${counter}`]: 2 } }],
    })
    const { levels: other } = await createRole({
      role: `Product manager ${counter}`,
      levels: [
        { name: `Senior product manager ${counter}`, needs: { [`Roadmaps ${counter}`]: 2 } },
      ],
    })
    await assign(learner, same[0].id)
    await createRoleAssignment(learner, other[0], { kind: 'target', status: 'proposed' })
    const sm = `Service Manager ${counter}`
    const spm = `Senior product manager ${counter} (Product manager ${counter})`

    const current = await client.get('/capability/gaps').loginAs(learner)
    current.assertTextIncludes(`Against <strong>${sm}</strong>.`)
    assert.notInclude(current.text(), `${sm}</strong>, ${sm}`)
    const target = await client.get('/capability/gaps?toward=target').loginAs(learner)
    target.assertTextIncludes(`Against <strong>${spm}</strong>.`)

    const assessment = await client.get('/capability/assessment').loginAs(learner)
    assessment.assertTextIncludes(`your role level ${sm}`)
    assessment.assertTextIncludes(`and your target ${spm}`)
    assert.notInclude(assessment.text(), `${sm}: ${sm}`)

    const role = await client.get('/capability/role').loginAs(learner)
    role.assertTextIncludes(`${sm}, confirmed`)
    role.assertTextIncludes(`${spm}, waiting for confirmation`)
    assert.notInclude(role.text(), `${sm}: ${sm}`)

    const validations = await client.get('/capability/validations').loginAs(manager)
    validations.assertTextIncludes(`${spm}, proposed on`)
  })

  test('the gap view shows validated and self-assessed levels, biggest gap first, in words', async ({
    client,
    assert,
  }) => {
    const { learner, skills } = await learnerInRole({ Analysis: 3, Research: 2, Coding: 4 })
    await assess(learner, skills.Analysis, 3, 'manager')
    await assess(learner, skills.Research, 1, 'self')

    const response = await client.get('/capability/gaps').loginAs(learner)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, `href="/framework/skills/${skills.Coding.id}"`)
    assert.include(html, '4 levels short')
    assert.include(html, 'Level 1 (Awareness) (not yet confirmed)')
    assert.include(html, '1 level short')
    assert.include(html, 'Meets the level')
    assert.include(html, 'Level 3 (Practitioner)')
    const coding = html.indexOf(`${skills.Coding.name}</a>`)
    const research = html.indexOf(`${skills.Research.name}</a>`)
    const analysis = html.indexOf(`${skills.Analysis.name}</a>`)
    assert.isTrue(coding < research && research < analysis, 'sorted by gap, biggest first')
  })

  test('only published courses that bring the person above their level are recommended, with their sessions and the level each reaches', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { level, skills } = await roleNeeding({ Modelling: 3 })
    await assign(learner, level.id)
    await assess(learner, skills.Modelling, 1, 'self')
    const reaches = await createCourse({
      title: 'Modelling in depth',
      outcomes: { [skills.Modelling.id]: 3 },
    })
    await createCourse({ title: 'Modelling taster', outcomes: { [skills.Modelling.id]: 2 } })
    await createCourse({ title: 'Modelling basics', outcomes: { [skills.Modelling.id]: 1 } })
    await createCourse({
      title: 'Modelling draft',
      status: 'draft',
      outcomes: { [skills.Modelling.id]: 4 },
    })
    await createSession({ course: reaches, capacity: 8, location: 'Leeds' })

    const response = await client.get('/capability/gaps').loginAs(learner)
    response.assertTextIncludes('Modelling in depth')
    response.assertTextIncludes('Brings you to Practitioner (3), the level needed')
    response.assertTextIncludes('Leeds')
    response.assertTextIncludes('8 seats left')
    response.assertTextIncludes('Book a place')
    // A course that goes part of the way closes part of the gap, and says how far.
    response.assertTextIncludes('Modelling taster')
    response.assertTextIncludes('Brings you to Working (2) of the Practitioner (3) needed')
    assert.isBelow(
      response.text().indexOf('Modelling in depth'),
      response.text().indexOf('Modelling taster'),
      'the course that closes the whole gap comes first'
    )
    assert.notInclude(response.text(), 'Modelling basics', 'no higher than the level they have')
    assert.notInclude(response.text(), 'Modelling draft')
  })

  test('a gap shows five courses, those with the soonest sessions first, and links to the rest in the catalogue', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { level, skills } = await roleNeeding({ Modelling: 3 })
    await assign(learner, level.id)
    const titles = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf']
    const courses = []
    for (const title of titles) {
      courses.push(
        await createCourse({ title: `Modelling ${title}`, outcomes: { [skills.Modelling.id]: 3 } })
      )
    }
    // Golf has the soonest session and Foxtrot the next: they come before the courses without one.
    await createSession({ course: courses[6], startsAt: DateTime.now().plus({ days: 10 }) })
    await createSession({ course: courses[5], startsAt: DateTime.now().plus({ days: 20 }) })

    const response = await client.get('/capability/gaps').loginAs(learner)
    const shown = [
      ...response.text().matchAll(/href="\/learning\/courses\/\d+">Modelling (\w+)<\/a>/g),
    ].map((match) => match[1])
    assert.deepEqual(shown, ['Golf', 'Foxtrot', 'Alpha', 'Bravo', 'Charlie'])
    response.assertTextIncludes('2 more courses bring you to Level 3')
    response.assertTextIncludes(`href="/learning/courses?skill=${skills.Modelling.id}"`)
  })

  test('the target view compares against the role level the person is aiming for', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const current = await roleNeeding({ Writing: 2 })
    const target = await roleNeeding({ Strategy: 4 })
    await assign(learner, current.level.id, 'current')

    await assertPageIncludes(client, learner, '/capability/gaps?toward=target', [
      'What I need for my next role',
      'You have not chosen the role level you are aiming for',
    ])

    await assign(learner, target.level.id, 'target')
    const response = await client.get('/capability/gaps?toward=target').loginAs(learner)
    response.assertTextIncludes(target.skills.Strategy.name)
    response.assertTextIncludes('4 levels short')
    assert.notInclude(response.text(), current.skills.Writing.name)
  })

  test('booking from the gap view books the learner and returns to the gap view with a message', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { level, skills } = await roleNeeding({ Testing: 2 })
    await assign(learner, level.id, 'target')
    const course = await createCourse({
      title: 'Testing well',
      outcomes: { [skills.Testing.id]: 2 },
    })
    const session = await createSession({ course })

    const response = await submitAs(client, learner).post(
      `/capability/gaps/sessions/${session.id}/enrol`,
      { toward: 'target' }
    )
    response.assertStatus(302)
    response.assertHeader('location', '/capability/gaps?toward=target')
    assert.match(response.flashMessages().success as string, /^You are booked on Testing well, /)
    const enrolment = await Enrolment.query().where('user_id', learner.id).firstOrFail()
    assert.equal(enrolment.status, 'booked')
  })

  test('booking a full session from the gap view gives the waiting-list position', async ({
    client,
  }) => {
    const session = await createSession({
      capacity: 1,
      course: await createCourse({ title: 'Cloud skills' }),
    })
    await enrol(await createUser(), session.id)
    const response = await submitAs(client, await createUser()).post(
      `/capability/gaps/sessions/${session.id}/enrol`
    )
    response.assertHeader('location', '/capability/gaps')
    response.assertFlashMessage('success', 'You are number 1 on the waiting list for Cloud skills')
  })

  test('a course needing approval sends a request from the gap view, and one with no line manager is refused', async ({
    client,
  }) => {
    const manager = await createUser({ overrides: { fullName: 'Maria Manager' } })
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const course = await createCourse({ title: 'Leading teams', requiresApproval: true })
    const session = await createSession({ course })

    const requested = await submitAs(client, learner).post(
      `/capability/gaps/sessions/${session.id}/enrol`
    )
    requested.assertFlashMessage(
      'success',
      'Your request to go on Leading teams has been sent to Maria Manager'
    )

    const refused = await submitAs(client, await createUser()).post(
      `/capability/gaps/sessions/${session.id}/enrol`
    )
    refused.assertHeader('location', '/capability/gaps')
    refused.assertFlashMessage(
      'error',
      'Leading teams needs your line manager’s approval, but the service does not know who your line manager is. Ask your HR team to add them'
    )
  })

  test('booking a session whose booking has closed is refused with a message', async ({
    client,
    assert,
  }) => {
    const session = await createSession({
      course: await createCourse({ title: 'Late course' }),
      bookingClosesAt: DateTime.now().minus({ hours: 1 }),
    })
    const response = await submitAs(client, await createUser()).post(
      `/capability/gaps/sessions/${session.id}/enrol`
    )
    response.assertStatus(302)
    assert.match(
      response.flashMessages().error as string,
      /^Booking for Late course on .* has closed/
    )
  })

  test('booking a session that does not exist answers 404', async ({ client }) => {
    const response = await client
      .post('/capability/gaps/sessions/999999/enrol')
      .withCsrfToken()
      .loginAs(await createUser())
    response.assertStatus(404)
  })

  test('the gap view needs a signed-in person', async ({ client }) => {
    const response = await client.get('/capability/gaps').redirects(0)
    response.assertStatus(302)
  })

  test('done when: a learner books the recommended session from the gap view, completes it, and once validated the gap closes', async ({
    client,
    assert,
  }) => {
    const { learner, skills } = await learnerInRole({ Accessibility: 3 })
    await assess(learner, skills.Accessibility, 1, 'self')
    const course = await createCourse({
      title: 'Accessible services',
      outcomes: { [skills.Accessibility.id]: 3 },
    })
    const session = await createSession({ course })

    await assertPageIncludes(client, learner, '/capability/gaps', [
      '2 levels short',
      'Accessible services',
      `action="/capability/gaps/sessions/${session.id}/enrol"`,
    ])

    await submitAs(client, learner).post(`/capability/gaps/sessions/${session.id}/enrol`)
    const enrolment = await Enrolment.query().where('user_id', learner.id).firstOrFail()
    assert.equal(enrolment.status, 'booked')

    const later = session.startsAt.plus({ hours: 8 }).toJSDate()
    const attended = await recordAttendance(enrolment.id, 'attended', later)
    assert.equal(attended.type, 'marked')
    const completed = await recordAttendance(enrolment.id, 'completed', later)
    assert.equal(completed.type, 'marked')
    await assess(learner, skills.Accessibility, 3, 'manager')

    const after = await client.get('/capability/gaps').loginAs(learner)
    after.assertTextIncludes('Meets the level')
    after.assertTextIncludes('You meet the level in every skill')
    assert.notInclude(after.text(), '2 levels short')
  })
})

test.group('Capability: the gap view never offers a course the person holds', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('after completing a course the gap view says when, offers none of its sessions, and shows the claim waiting for the line manager', async ({
    client,
    assert,
  }) => {
    const { learner, skills } = await learnerInRole({ Management: 4 })
    await assess(learner, skills.Management, 2, 'manager')
    const programme = await createCourse({
      title: 'Service Manager programme',
      requiresApproval: true,
      costPence: 295000,
      outcomes: { [skills.Management.id]: 4 },
    })
    const { session } = await completedCourse(learner, programme)
    const next = await createSession({ course: programme })

    const response = await client.get('/capability/gaps').loginAs(learner)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Service Manager programme')
    assert.include(html, `Completed on ${ukDay(session.endsAt)}`)
    assert.notInclude(html, `action="/capability/gaps/sessions/${next.id}/enrol"`)
    assert.notInclude(html, 'Request a place')
    assert.include(
      html,
      'Level 4 (Expert) from a course you completed, waiting for your line manager'
    )
    assert.lengthOf(await SkillClaim.query().where('user_id', learner.id), 1)
  })

  test('a course the person is booked on, has asked for or waits for shows where they stand instead of a booking button', async ({
    client,
    assert,
  }) => {
    const { learner, skills } = await learnerInRole({ Design: 3 })
    const outcomes = { [skills.Design.id]: 3 }
    const booked = await createCourse({ title: 'Design booked', outcomes })
    const asked = await createCourse({ title: 'Design asked', requiresApproval: true, outcomes })
    const waiting = await createCourse({ title: 'Design waiting', outcomes })
    const open = await createCourse({ title: 'Design open', outcomes })
    const bookedSession = await createSession({ course: booked })
    const askedSession = await createSession({ course: asked })
    const waitingSession = await createSession({ course: waiting, capacity: 1 })
    const openSession = await createSession({ course: open })
    await enrol(learner, bookedSession.id)
    await enrol(learner, askedSession.id)
    await enrol(await createUser(), waitingSession.id)
    await enrol(learner, waitingSession.id)
    const later = await createSession({
      course: booked,
      startsAt: bookedSession.startsAt.plus({ days: 14 }),
    })

    const response = await client.get('/capability/gaps').loginAs(learner)
    const html = response.text()
    assert.match(html, /Booked for \w{3} \d{1,2} \w{3} \d{4}, 9:30am/)
    assert.include(html, 'Waiting for approval')
    assert.include(html, 'On the waiting list')
    for (const held of [bookedSession, later, askedSession, waitingSession]) {
      assert.notInclude(html, `action="/capability/gaps/sessions/${held.id}/enrol"`)
    }
    assert.include(html, `action="/capability/gaps/sessions/${openSession.id}/enrol"`)
  })

  test('a skill claimed from a completed course shows as waiting for the line manager, and a course no higher than the claim is not offered', async ({
    client,
    assert,
  }) => {
    const { learner, skills } = await learnerInRole({ Strategy: 4 })
    await assess(learner, skills.Strategy, 1, 'manager')
    await createSkillClaim(learner, skills.Strategy, 3)
    await createCourse({ title: 'Strategy intermediate', outcomes: { [skills.Strategy.id]: 3 } })
    await createCourse({ title: 'Strategy advanced', outcomes: { [skills.Strategy.id]: 4 } })

    const response = await client.get('/capability/gaps').loginAs(learner)
    const html = response.text()
    assert.include(
      html,
      'Level 3 (Practitioner) from a course you completed, waiting for your line manager'
    )
    assert.include(html, 'Strategy advanced')
    assert.include(html, 'Brings you to Expert (4), the level needed')
    assert.notInclude(html, 'Strategy intermediate')
  })

  test('courses mandatory for the person’s role come first, marked, with their cost', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { level, skills } = await roleNeeding({ Leadership: 4 })
    await assign(learner, level.id)
    const soonest = await createCourse({
      title: 'Leadership soonest',
      outcomes: { [skills.Leadership.id]: 4 },
    })
    await createSession({ course: soonest })
    const mandatory = await createCourse({
      title: 'Leadership mandatory',
      costPence: 295000,
      outcomes: { [skills.Leadership.id]: 3 },
    })
    await createAudience(mandatory, level.roleProfileId, 'mandatory')
    const recommended = await createCourse({
      title: 'Leadership recommended',
      outcomes: { [skills.Leadership.id]: 4 },
    })
    await createAudience(recommended, level.roleProfileId, 'recommended')

    const response = await client.get('/capability/gaps').loginAs(learner)
    const html = response.text()
    const shown = [...html.matchAll(/href="\/learning\/courses\/\d+">Leadership (\w+)<\/a>/g)].map(
      (match) => match[1]
    )
    assert.deepEqual(shown, ['mandatory', 'soonest', 'recommended'])
    assert.equal(html.split('Mandatory for your role').length - 1, 1)
    assert.isBelow(html.indexOf('Mandatory for your role'), html.indexOf('Leadership soonest'))
    assert.include(html, 'Brings you to Practitioner (3) of the Expert (4) needed. Cost: £2,950.')
  })

  test('booking from the gap view a course the person has completed is refused with a message, and nothing is written', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const programme = await createCourse({
      title: 'Service Manager programme',
      requiresApproval: true,
      costPence: 295000,
    })
    const { session } = await completedCourse(learner, programme)
    const next = await createSession({ course: programme })

    const response = await submitAs(client, learner).post(
      `/capability/gaps/sessions/${next.id}/enrol`
    )
    response.assertStatus(302)
    response.assertHeader('location', '/capability/gaps')
    response.assertFlashMessage(
      'error',
      `You completed Service Manager programme on ${ukDay(session.endsAt)}, so you cannot book it again`
    )
    assert.lengthOf(await Enrolment.query().where('session_id', next.id), 0)
  })

  test('booking from the gap view a second session of a course the person is booked on is refused', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Cloud basics' })
    const first = await createSession({ course })
    const second = await createSession({ course, startsAt: first.startsAt.plus({ days: 7 }) })
    await enrol(learner, first.id)

    const response = await submitAs(client, learner).post(
      `/capability/gaps/sessions/${second.id}/enrol`
    )
    assert.match(
      response.flashMessages().error as string,
      /^You are already booked on Cloud basics for .*\. Cancel that booking first if you want a different session$/
    )
    assert.lengthOf(await Enrolment.query().where('session_id', second.id), 0)
  })
})
