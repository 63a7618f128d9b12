import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createCourse,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createShortlist,
} from '#database/factories/fast_stream_factory'
import { createSkill } from '#database/factories/framework_factory'
import {
  createAssessment,
  createPlanItem,
  createSkillClaim,
} from '#database/factories/capability_factory'
import { createCapabilityGap, createCapabilityPlan } from '#database/factories/workforce_factory'
import { createStaffImport } from '#database/factories/staff_import_factory'
import { collapse } from '#tests/support/html'

/* The home page's task rows as text: "label — status". */
async function tasksOn(client: any, user: any) {
  const response = await client.get('/').loginAs(user)
  response.assertStatus(200)
  const html: string = response.text()
  const rows = [...html.matchAll(/<li class="flex flex-wrap[^"]*">([\s\S]*?)<\/li>/g)].map(
    (match) => collapse(match[1].replace(/<[^>]+>/g, ' '))
  )
  return { html, rows }
}

test.group('Home page: what needs each person', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner sees their upcoming sessions, plan items due, decided claims and an unsent shortlist with its deadline', async ({
    client,
    assert,
  }) => {
    const { user: learner, entrant } = await createEntrant({ name: 'Lena Learner' })
    const now = DateTime.now()
    const soon = await createSession({ startsAt: now.plus({ days: 3 }).set({ hour: 9 }) })
    const later = await createSession({ startsAt: now.plus({ days: 40 }).set({ hour: 9 }) })
    const past = await createSession({ startsAt: now.minus({ days: 40 }).set({ hour: 9 }) })
    for (const session of [soon, later, past]) {
      await createEnrolment(session, learner)
    }
    const skill = await createSkill()
    const item = (dueOn: DateTime, status: 'planned' | 'done' = 'planned') =>
      createPlanItem(learner, { skillId: skill.id, targetLevel: 2, dueOn, status })
    await item(now.plus({ days: 10 }))
    await item(now.minus({ days: 2 }))
    await item(now.plus({ days: 90 }))
    await item(now.plus({ days: 5 }), 'done')
    const claim = (status: 'rejected' | 'validated' | 'pending', decidedAt: DateTime | null) =>
      createSkillClaim(learner, skill, 2, {
        status,
        decidedAt,
        createdAt: now.minus({ days: 60 }),
      })
    await claim('rejected', now.minus({ days: 3 }))
    await claim('validated', now.minus({ days: 90 }))
    await claim('pending', null)
    const round = await createRound({ status: 'open', name: 'Spring placements' })
    const placement = await createPlacement(round)
    await createShortlist(round, entrant, [placement], null)

    const { rows } = await tasksOn(client, learner)
    const closes = round.preferencesCloseAt.setZone('Europe/London').toFormat('d LLLL yyyy')
    const next = soon.startsAt.setZone('Europe/London').toFormat('d LLLL yyyy')
    assert.includeMembers(rows, [
      `Your upcoming sessions The next starts on ${next} 2 sessions booked`,
      'Development plan items due 1 past its due date 2 items due',
      'Skill claims your line manager decided In the last 30 days 1 decision',
      `Submit your placement shortlist Choices close on ${closes} 1 shortlist not submitted`,
    ])
  })

  test('with nothing waiting, each task says so and a learner sees no other sections', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { rows, html } = await tasksOn(client, learner)
    assert.deepEqual(rows, [
      'Your upcoming sessions No sessions booked',
      'Development plan items due No items due',
      'Skill claims your line manager decided In the last 30 days No decisions',
    ])
    assert.notInclude(html, 'For the people who report to you')
    assert.notInclude(html, 'For your organisation')
  })

  test('a line manager sees the training requests and validations their reports wait on', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const report = await createUser({ overrides: { lineManagerId: manager.id } })
    const other = await createUser()
    const course = await createCourse({ requiresApproval: true })
    const session = await createSession({ course })
    for (const person of [report, other]) {
      await createEnrolment(session, person, { status: 'requested', activeSessionId: null })
    }
    const skill = await createSkill()
    await createAssessment(report, skill, 2, { assessedBy: report.id })
    const { rows } = await tasksOn(client, manager)
    assert.includeMembers(rows, [
      'Approve training requests 1 request waiting',
      'Validate skills and role levels 1 validation waiting',
    ])
  })

  test('department HR see returned plans, ownerless gaps and imports to finish in their department only', async ({
    client,
    assert,
  }) => {
    const dft = await OrganisationFactory.merge({ name: 'Transport', code: 'dft-home' }).create()
    const hmrc = await OrganisationFactory.merge({ name: 'Revenue', code: 'hmrc-home' }).create()
    const hr = await createUser({ roles: ['department_hr', 'learner'], organisation: dft })
    for (const organisation of [dft, hmrc]) {
      await createCapabilityPlan(organisation, 2024, { status: 'returned' })
      for (const status of ['open', 'closed'] as const) {
        await createCapabilityGap(organisation, 'headcount', `Gap ${status}`, {
          severity: 'high',
          status,
        })
      }
      await createStaffImport({ uploadedBy: hr.id, scopeOrganisationId: organisation.id })
    }
    const { rows, html } = await tasksOn(client, hr)
    assert.include(html, 'For your organisation')
    assert.includeMembers(rows, [
      'Capability plans returned for changes 1 plan returned',
      'Capability gaps without an owner 1 gap without an owner',
      'Staff imports to finish 1 import checked or failed',
    ])
  })

  test('a course admin sees past sessions with people to mark, linked to the roster, and their waiting lists', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const provider = await createProvider('Academy', [admin])
    const course = await createCourse({ provider })
    const otherCourse = await createCourse()
    const past = await createSession({
      course,
      startsAt: DateTime.now().minus({ days: 3 }).set({ hour: 9 }),
    })
    const otherPast = await createSession({
      course: otherCourse,
      startsAt: DateTime.now().minus({ days: 3 }).set({ hour: 9 }),
    })
    const upcoming = await createSession({ course, capacity: 1 })
    const people = [await createUser(), await createUser(), await createUser()]
    await createEnrolment(past, people[0])
    await createEnrolment(otherPast, people[0])
    await createEnrolment(upcoming, people[1])
    await createEnrolment(upcoming, people[2], { status: 'waitlisted', waitlistPosition: 1 })

    const { rows, html } = await tasksOn(client, admin)
    assert.includeMembers(rows, [
      'Mark attendance and completion 1 past session with people to mark',
      'People on waiting lists 1 person waiting',
    ])
    assert.include(html, `href="/learning/admin/sessions/${past.id}"`)
  })

  test('the Fast Stream team see each round still running with its next date, and entrants at risk of the digital rule', async ({
    client,
    assert,
  }) => {
    const team = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound({ status: 'open', name: 'Autumn placements' })
    await createRound({ status: 'published', name: 'Last spring' })
    const { rows } = await tasksOn(client, team)
    const closes = round.preferencesCloseAt.setZone('Europe/London').toFormat('d LLLL yyyy')
    assert.include(
      rows.join('\n'),
      `Autumn placements Choices close on ${closes} 1 round in progress`
    )
    assert.notInclude(rows.join('\n'), 'Last spring')
    assert.isTrue(
      rows.some((row) => row.startsWith('Entrants at risk of missing a digital placement'))
    )
  })
})
