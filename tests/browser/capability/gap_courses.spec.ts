import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import {
  createAudience,
  createCourse,
  createEnrolment,
  createSession,
} from '#database/factories/learning_factory'
import Skill from '#models/skill'
import Enrolment from '#models/enrolment'
import type Course from '#models/course'
import type User from '#models/user'
import { recordAttendance } from '#actions/learning/record_attendance'
import { rowCells, textOf, textsOf } from '#tests/support/page_text'
import { managerAndLearner } from '#tests/support/fixtures/learner_and_manager'
import { createAssessment, createRoleAssignment } from '#database/factories/capability_factory'

const UK = 'Europe/London'

/* Presses Tab until the focused element's text starts with the given words, at most `limit` times. */
async function tabTo(page: Page, startsWith: string, limit = 80) {
  for (let pressed = 0; pressed < limit; pressed++) {
    await page.keyboard.press('Tab')
    const text = await page.evaluate(() =>
      document.activeElement?.textContent?.replace(/\s+/g, ' ').trim()
    )
    if (text?.startsWith(startsWith)) return
  }
  throw new Error(`No element starting “${startsWith}” was reached with the Tab key`)
}

/*
 * Service manager needs Service ownership and Product strategy at Expert (4).
 * Ava's line manager validated her at Working (2) and Awareness (1).
 */
async function serviceManager(learner: User) {
  const { levels, role } = await createRole({
    role: 'Service manager',
    levels: [{ name: 'Service manager', needs: { 'Service ownership': 4, 'Product strategy': 4 } }],
  })
  const ownership = await Skill.findByOrFail('name', 'Service ownership')
  const strategy = await Skill.findByOrFail('name', 'Product strategy')
  await createRoleAssignment(learner, levels[0], { confirmedAt: DateTime.now() })
  for (const [skill, level] of [
    [ownership, 2],
    [strategy, 1],
  ] as const) {
    await createAssessment(learner, skill, level, {
      source: 'manager',
      assessedBy: learner.lineManagerId,
    })
  }
  return { role, ownership, strategy }
}

/* Ava went to a session of the course ten days ago, and the course team recorded completion. */
async function completed(learner: User, course: Course) {
  const startsAt = DateTime.now()
    .setZone(UK)
    .minus({ days: 10 })
    .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
  const session = await createSession({ course, startsAt })
  const enrolment = await createEnrolment(session, learner)
  await recordAttendance(enrolment.id, 'attended')
  await recordAttendance(enrolment.id, 'completed')
  return session
}

test.group(
  'Gap view: courses a person holds and courses that close a gap, in a browser',
  (group) => {
    group.each.setup(() => testUtils.db().withGlobalTransaction())

    test('a completed course shows when it was completed and is never offered again, mandatory courses come first, and a course is requested with the keyboard', async ({
      browserContext,
      assert,
    }) => {
      const { learner } = await managerAndLearner()
      const { role, ownership, strategy } = await serviceManager(learner)
      const programme = await createCourse({
        title: 'Service Manager programme',
        requiresApproval: true,
        costPence: 295000,
        outcomes: { [ownership.id]: 4 },
      })
      const ran = await completed(learner, programme)
      await createSession({ course: programme })
      const foundations = await createCourse({
        title: 'Strategy foundations',
        requiresApproval: true,
        costPence: 45000,
        outcomes: { [strategy.id]: 3 },
      })
      await createAudience(foundations, role, 'mandatory')
      const foundationsSession = await createSession({
        course: foundations,
        startsAt: DateTime.now()
          .setZone(UK)
          .plus({ days: 21 })
          .set({ hour: 9, minute: 30, second: 0, millisecond: 0 }),
      })
      const masterclass = await createCourse({
        title: 'Strategy masterclass',
        costPence: 120000,
        outcomes: { [strategy.id]: 4 },
      })
      await createSession({ course: masterclass })

      browserContext.setDefaultTimeout(15_000)
      const page = await browserContext.visitAs(learner, '/capability/gaps')
      await page.assertTextContains('h1', 'My skills gaps')
      await page.assertAccessible()

      const gaps = page.getByRole('table', {
        name: 'Skills for Service manager, biggest gap first',
      })
      const [, , yourLevel] = await rowCells(gaps, 'Service ownership')
      assert.equal(
        yourLevel,
        'Level 2 (Working) Level 4 (Expert) from a course you completed, waiting for your line manager'
      )

      const ownershipCourses = page.getByRole('region', { name: /^Service ownership:/ })
      const completedOn = ran.endsAt.setZone(UK).setLocale('en-GB').toFormat('d LLLL yyyy')
      assert.equal(
        await textOf(ownershipCourses.locator('p').filter({ hasText: 'Completed on' })),
        `Completed on ${completedOn}. See my learning`
      )
      assert.equal(await ownershipCourses.getByRole('button').count(), 0, 'nothing to book again')
      assert.equal(await ownershipCourses.getByRole('table').count(), 0)

      const strategyCourses = page.getByRole('region', { name: /^Product strategy:/ })
      assert.deepEqual(await textsOf(strategyCourses.getByRole('heading', { level: 4 })), [
        `Strategy foundations (${foundations.code})`,
        `Strategy masterclass (${masterclass.code})`,
      ])
      assert.equal(await textOf(strategyCourses.locator('.tag')), 'Mandatory for your role')
      assert.include(
        await textOf(strategyCourses),
        'Brings you to Practitioner (3) of the Expert (4) needed. Cost: £450. Needs your line manager’s approval.'
      )
      assert.include(
        await textOf(strategyCourses),
        'Brings you to Expert (4), the level needed. Cost: £1,200.'
      )

      // Ask for the mandatory course with the keyboard alone.
      const sessions = strategyCourses.getByRole('table', {
        name: 'Next sessions of Strategy foundations, in UK time',
      })
      const [when] = await textsOf(sessions.locator('tbody th'))
      await tabTo(page, `Request a place on Strategy foundations, ${when}`)
      await page.keyboard.press('Enter')
      await page.assertPath('/capability/gaps')
      assert.equal(
        await textOf(page.getByRole('status')),
        'Your request to go on Strategy foundations has been sent to Morgan Lee'
      )
      const request = await Enrolment.query()
        .where('user_id', learner.id)
        .where('session_id', foundationsSession.id)
        .firstOrFail()
      assert.equal(request.status, 'requested')
      const asked = page.getByRole('region', { name: /^Product strategy:/ })
      assert.equal(
        await textOf(asked.locator('p').filter({ hasText: 'Waiting for approval' })),
        `Waiting for approval for ${when}. See my learning`
      )
      assert.equal(
        await asked
          .getByRole('button', { name: /^Request a place on Strategy foundations/ })
          .count(),
        0
      )
      await page.assertAccessible()
    }).timeout(60_000)
  }
)
