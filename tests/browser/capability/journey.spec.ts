import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type { Locator, Page } from 'playwright'
import { assertErrorSummary } from '#tests/support/error_summary'
import { navigateTo } from '#tests/support/navigation'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import SkillAssessment from '#models/skill_assessment'
import Skill from '#models/skill'
import Enrolment from '#models/enrolment'
import DevelopmentPlanItem from '#models/development_plan_item'
import type User from '#models/user'
import { rowCells, textOf, textsOf } from '#tests/support/page_text'
import { pageFor } from '#tests/support/browser_sign_in'
import { managerAndLearner } from '#tests/support/fixtures/learner_and_manager'
import { contentWidth, documentWidth } from '#tests/support/page_widths'
import { createAssessment, createRoleAssignment } from '#database/factories/capability_factory'

const PHONE = { width: 375, height: 700 }
const UK = 'Europe/London'

/* The text of the first `count` cells of a table's row. */
async function leadingCells(table: Locator, rowHeader: string | RegExp, count: number) {
  const cells = await rowCells(table, rowHeader)
  return cells.slice(0, count)
}

/* The text of one cell of a table's row, the row header being cell 0. */
async function cellAt(table: Locator, rowHeader: string | RegExp, index: number) {
  const cells = await rowCells(table, rowHeader)
  return cells[index]
}

/* The radio group for one skill on My skills, and one of its levels. */
function levelChoice(page: Page, skill: string, level: string) {
  return page
    .getByRole('group', { name: skill, exact: true })
    .getByRole('radio', { name: new RegExp(`^${level}\\b`) })
}

/* Delivery manager: needs Agile working at 3 and User research at 2. */
async function deliveryManager() {
  const { levels } = await createRole({
    role: 'Delivery manager',
    levels: [{ name: 'Delivery manager', needs: { 'Agile working': 3, 'User research': 2 } }],
  })
  const agile = await Skill.findByOrFail('name', 'Agile working')
  const research = await Skill.findByOrFail('name', 'User research')
  return { level: levels[0], agile, research }
}

/* A confirmed current role level, in force. */
function holdCurrent(user: User, roleLevelId: number) {
  return createRoleAssignment(user, roleLevelId, { confirmedAt: DateTime.now() })
}

/* A self-assessment waiting for validation, or a manager's validated level. */
function assessed(user: User, skill: Skill, level: number, source: 'self' | 'manager') {
  return createAssessment(user, skill, level, {
    source,
    assessedBy: source === 'self' ? user.id : user.lineManagerId,
  })
}

test.group('Capability journey: self-assessment, validation and gaps, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner assesses their skills after a missing-level error, their line manager validates them, and the gap view counts the validated levels', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { manager, learner } = await managerAndLearner()
    const { level, agile, research } = await deliveryManager()
    await holdCurrent(learner, level.id)

    // Ava assesses herself, leaving User research out at first.
    browserContext.setDefaultTimeout(5000)
    const page = await browserContext.visitAs(learner, '/')
    await page.assertAccessible()
    await navigateTo(page, 'Skills', 'My skills')
    await page.assertPath('/capability/assessment')
    await page.assertTextContains('h1', 'Assess your skills')
    await page.assertTextContains('main', 'For each skill your role level Delivery manager need')
    assert.notInclude(await textOf(page.locator('main')), 'Delivery manager: Delivery manager')
    assert.equal(
      await textOf(page.locator(`p#field-skill-${agile.id}-hint`)),
      'Your current role level needs 3.'
    )
    await page.assertAccessible()

    await levelChoice(page, 'Agile working', '1 Awareness').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertPath('/capability/assessment')
    const summary = await assertErrorSummary(page, assert, 'Assess your skills', [
      'Select your level for User research',
    ])
    const summaryLink = summary.getByRole('link', { name: 'Select your level for User research' })
    assert.equal(await summaryLink.getAttribute('href'), `#field-skill-${research.id}`)
    await page.assertTextContains(
      `#field-skill-${research.id}-error`,
      'Select your level for User research'
    )
    assert.include(
      (await page
        .getByRole('group', { name: 'User research', exact: true })
        .getAttribute('aria-describedby'))!,
      `field-skill-${research.id}-error`,
      'the fieldset is described by its error'
    )
    assert.isTrue(
      await levelChoice(page, 'Agile working', '1 Awareness').isChecked(),
      'the level already chosen is kept'
    )
    await page.assertAccessible()

    await summaryLink.click()
    await page.assertFocused(`field-skill-${research.id}`)
    await levelChoice(page, 'User research', '1 Awareness').check()
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.assertPath('/capability/assessment/check')
    await page.assertTextContains('h1', 'Check your answers before you submit your self-assessment')
    const answers = page.locator('main dl > div')
    assert.deepEqual(await textsOf(answers), [
      'Agile working 1 Awareness Change your level for Agile working',
      'User research 1 Awareness Change your level for User research',
    ])
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Change your level for Agile working' }).click()
    await page.assertPath('/capability/assessment')
    assert.equal(new URL(page.url()).hash, `#field-skill-${agile.id}`)
    assert.isTrue(await levelChoice(page, 'Agile working', '1 Awareness').isChecked())
    assert.isTrue(await levelChoice(page, 'User research', '1 Awareness').isChecked())
    await page.assertAccessible()

    await levelChoice(page, 'Agile working', '2 Working').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertPath('/capability/assessment/check')
    assert.deepEqual(await textsOf(answers), [
      'Agile working 2 Working Change your level for Agile working',
      'User research 1 Awareness Change your level for User research',
    ])
    await page.assertAccessible()

    await page.getByRole('button', { name: 'Submit self-assessment' }).click()
    await page.assertPath('/capability/assessment')
    assert.equal(
      await textOf(page.getByRole('status')),
      'Your self-assessment is submitted. Your line manager will validate it'
    )
    await page.assertAccessible()

    // The gap view shows her own levels as not yet confirmed.
    await navigateTo(page, 'Skills', 'My gaps')
    await page.assertPath('/capability/gaps')
    await page.assertTextContains('h1', 'My skills gaps')
    await page.assertTextContains(
      'main',
      'Against Delivery manager. You are below the level in 2 skills.'
    )
    const gaps = page.getByRole('table', { name: 'Skills for Delivery manager, biggest gap first' })
    assert.deepEqual(await leadingCells(gaps, 'Agile working', 4), [
      'Agile working',
      'Level 3 (Practitioner)',
      'Level 2 (Working) (not yet confirmed)',
      '1 level short',
    ])
    assert.deepEqual(await leadingCells(gaps, 'User research', 4), [
      'User research',
      'Level 2 (Working)',
      'Level 1 (Awareness) (not yet confirmed)',
      '1 level short',
    ])
    await page.assertAccessible()

    // Morgan validates: another level for Agile working, agreement for User research.
    const managerPage = await pageFor(browser, manager, cleanup, 5_000)
    await managerPage.goto('/')
    await managerPage.assertAccessible()
    await navigateTo(managerPage, 'Skills', 'Validations')
    await managerPage.assertPath('/capability/validations')
    await managerPage.assertTextContains('h1', 'Validations')
    assert.deepEqual(await textsOf(managerPage.locator('main h3')), [
      'Ava Patel: Agile working',
      'Ava Patel: User research',
    ])
    const agileSection = managerPage.getByRole('region', { name: 'Ava Patel: Agile working' })
    const claimed = await textOf(agileSection.locator('p').first())
    assert.match(claimed!, /^They assessed themselves at 2 Working on \d{1,2} \w+ \d{4}\.$/)
    await managerPage.assertAccessible()

    await agileSection.getByRole('radio', { name: 'Set another level' }).check()
    await agileSection.getByRole('radio', { name: '3 Practitioner' }).check()
    await agileSection
      .getByLabel('Comment (optional)')
      .fill('Ava led the team’s move to two-week sprints.')
    await agileSection.getByRole('button', { name: /^Save your judgement/ }).click()
    await managerPage.assertPath('/capability/validations')
    assert.equal(
      await textOf(managerPage.getByRole('status')),
      'You validated Ava Patel’s self-assessment'
    )
    assert.deepEqual(await textsOf(managerPage.locator('main h3')), ['Ava Patel: User research'])
    await managerPage.assertAccessible()

    const researchSection = managerPage.getByRole('region', { name: 'Ava Patel: User research' })
    await researchSection.getByRole('radio', { name: /^Agree with/ }).check()
    await researchSection.getByRole('button', { name: /^Save your judgement/ }).click()
    await managerPage.assertPath('/capability/validations')
    assert.equal(
      await textOf(managerPage.getByRole('status')),
      'You validated Ava Patel’s self-assessment'
    )
    await managerPage.assertTextContains(
      'main',
      'Nothing from the people who report to you is waiting for your validation.'
    )
    await managerPage.assertAccessible()

    const validated = await SkillAssessment.query()
      .where('user_id', learner.id)
      .where('source', 'manager')
      .orderBy('skill_id')
    const bySkill = new Map(validated.map((row) => [row.skillId, [row.level, row.comment]]))
    assert.deepEqual(bySkill.get(agile.id), [3, 'Ava led the team’s move to two-week sprints.'])
    assert.deepEqual(bySkill.get(research.id), [1, null])

    // Ava's gap view now counts the validated levels.
    await page.reload()
    await page.assertPath('/capability/gaps')
    await page.assertTextContains('main', 'You are below the level in 1 skill.')
    assert.deepEqual(await leadingCells(gaps, 'User research', 4), [
      'User research',
      'Level 2 (Working)',
      'Level 1 (Awareness)',
      '1 level short',
    ])
    assert.deepEqual(await rowCells(gaps, 'Agile working'), [
      'Agile working',
      'Level 3 (Practitioner)',
      'Level 3 (Practitioner)',
      'Meets the level',
      '',
    ])
    assert.notInclude(await textOf(gaps), 'not yet confirmed')
    assert.equal(
      await gaps.getByRole('button', { name: /^Add to my plan/ }).count(),
      1,
      'only the skill still short can be added to the plan'
    )
    await page.assertAccessible()
  }).timeout(30_000)

  test('from the gap view a learner books a recommended session and adds a gap to their plan, and their line manager agrees the plan', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { manager, learner } = await managerAndLearner()
    const { level, agile, research } = await deliveryManager()
    await holdCurrent(learner, level.id)
    await assessed(learner, agile, 3, 'manager')
    await assessed(learner, research, 1, 'manager')
    const course = await createCourse({
      title: 'User research in practice',
      outcomes: { [research.id]: 2 },
    })
    const startsAt = DateTime.now()
      .setZone(UK)
      .plus({ days: 14 })
      .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
    const session = await createSession({ course, startsAt, capacity: 8 })

    browserContext.setDefaultTimeout(5000)
    const page = await browserContext.visitAs(learner, '/capability/gaps')
    await page.assertTextContains('h1', 'My skills gaps')
    await page.assertTextContains('main', 'You are below the level in 1 skill.')
    await page.assertTextContains('#courses-' + research.id, 'User research: 1 level short')
    const courseSection = page.getByRole('region', { name: 'User research: 1 level short' })
    await courseSection
      .getByRole('heading', { name: /^User research in practice/ })
      .waitFor({ state: 'visible' })
    const sessions = courseSection.getByRole('table', {
      name: 'Next sessions of User research in practice, in UK time',
    })
    const [when] = await textsOf(sessions.locator('tbody th'))
    assert.deepEqual(await rowCells(sessions, when!), [
      when,
      'Aviation House, London',
      '8 seats left',
      `Book a place on User research in practice, ${when}`,
    ])
    await page.assertAccessible()

    await sessions
      .getByRole('button', { name: `Book a place on User research in practice, ${when}` })
      .click()
    await page.assertPath('/capability/gaps')
    assert.equal(
      await textOf(page.getByRole('status')),
      `You are booked on User research in practice, ${when}`
    )
    // Booked now, the course says so instead of offering its sessions a second time.
    assert.equal(
      await textOf(courseSection.locator('p').filter({ hasText: 'Booked for' })),
      `Booked for ${when}. See my learning`
    )
    assert.equal(await sessions.count(), 0)
    assert.equal(await courseSection.getByRole('button', { name: /^Book a place/ }).count(), 0)
    await page.assertAccessible()
    const enrolment = await Enrolment.query()
      .where('user_id', learner.id)
      .where('session_id', session.id)
      .firstOrFail()
    assert.equal(enrolment.status, 'booked')

    await page
      .getByRole('button', { name: /^Add to my plan User research at Level 2 \(Working\)$/ })
      .click()
    await page.assertPath('/capability/gaps')
    assert.equal(await textOf(page.getByRole('status')), 'The item has been added to your plan')
    await page.assertAccessible()

    await page
      .getByRole('navigation', { name: 'Which role level' })
      .getByRole('link', { name: 'My development plan' })
      .click()
    await page.assertPath('/capability/plan')
    await page.assertTextContains('h1', 'My development plan')
    const plan = page.getByRole('table', {
      name: 'Your plan items, unfinished first, soonest due first',
    })
    const itemTitle = 'User research to level 2 (Working)'
    const cells = await rowCells(plan, itemTitle)
    assert.equal(cells[0], itemTitle)
    assert.equal(cells[1], 'No due date')
    assert.equal(cells[3], 'Not yet agreed')
    assert.equal(cells[4], `Remove ${itemTitle}`)
    await page.assertAccessible()

    // Morgan opens Ava's plan and agrees it.
    const managerPage = await pageFor(browser, manager, cleanup, 5_000)
    await managerPage.goto(`/capability/people/${learner.id}/plan`)
    await managerPage.assertTextContains('h1', 'Ava Patel’s development plan')
    const theirPlan = managerPage.getByRole('table', {
      name: 'Ava Patel’s plan items, unfinished first, soonest due first',
    })
    assert.deepEqual(await rowCells(theirPlan, itemTitle), [
      itemTitle,
      'No due date',
      'Planned',
      'Not yet agreed',
    ])
    await managerPage.assertTextContains('main', '1 item has not been agreed yet.')
    await managerPage.assertAccessible()

    await managerPage.getByRole('button', { name: 'Agree the plan' }).click()
    await managerPage.assertPath(`/capability/people/${learner.id}/plan`)
    assert.equal(
      await textOf(managerPage.getByRole('status')),
      'You have agreed 1 item of the plan'
    )
    const today = DateTime.now().setZone(UK).setLocale('en-GB').toFormat('d LLLL yyyy')
    assert.equal(await cellAt(theirPlan, itemTitle, 3), `Agreed by Morgan Lee on ${today}`)
    await managerPage.assertTextContains('main', 'You have agreed every item in this plan.')
    assert.equal(await managerPage.getByRole('button', { name: 'Agree the plan' }).count(), 0)
    await managerPage.assertAccessible()

    const item = await DevelopmentPlanItem.query().where('user_id', learner.id).firstOrFail()
    assert.isNotNull(item.agreedAt)

    // Ava sees the agreement, and can no longer remove the item.
    await page.reload()
    const agreed = await rowCells(plan, itemTitle)
    assert.equal(agreed[3], `Agreed by Morgan Lee on ${today}`)
    assert.equal(agreed[4], '')
    await page.assertAccessible()
  }).timeout(30_000)
})

test.group('Capability journey: team skills, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line manager reads their reports’ levels in the matrix, a gap said in words, and on a phone only the table scrolls sideways', async ({
    browserContext,
    assert,
  }) => {
    const { manager, learner } = await managerAndLearner()
    const colleague = await createUser({
      roles: ['learner'],
      overrides: { fullName: 'Ben Carter', lineManagerId: manager.id },
    })
    const outsider = await createUser({ overrides: { fullName: 'Cara Jones' } })
    const { levels } = await createRole({
      role: 'Delivery manager',
      levels: [
        {
          name: 'Delivery manager',
          needs: {
            'Agile working': 3,
            'User research': 2,
            'Stakeholder relationship management': 3,
            'Financial management and budgeting': 2,
            'Lifecycle perspective': 2,
          },
        },
      ],
    })
    const agile = await Skill.findByOrFail('name', 'Agile working')
    const research = await Skill.findByOrFail('name', 'User research')
    for (const person of [learner, colleague, outsider]) await holdCurrent(person, levels[0].id)
    await assessed(learner, agile, 3, 'manager')
    await assessed(learner, research, 1, 'self')
    await assessed(colleague, agile, 2, 'self')

    browserContext.setDefaultTimeout(5000)
    await browserContext.loginAs(manager)
    const page = await browserContext.newPage()
    await page.goto('/')
    await page.assertAccessible()
    await navigateTo(page, 'Skills', 'Team skills')
    await page.assertPath('/capability/team')
    await page.assertTextContains('h1', 'Team skills')
    assert.equal(await textOf(page.getByRole('status')), '2 people with a current role level')

    const matrix = page.getByRole('table', {
      name: 'Skills by person: level held against the level needed',
    })
    const people = await textsOf(matrix.locator('tbody th[scope=row]'))
    assert.deepEqual(people, [
      'Ava Patel’s development plan Delivery manager',
      'Ben Carter’s development plan Delivery manager',
    ])
    const headers = await textsOf(matrix.getByRole('columnheader'))
    const agileColumn = headers.indexOf('Agile working needs 3')
    const researchColumn = headers.indexOf('User research needs 2')
    assert.isAbove(agileColumn, 0, `an Agile working column in ${headers.join(', ')}`)
    assert.isAbove(researchColumn, 0, `a User research column in ${headers.join(', ')}`)

    const ava = await rowCells(matrix, /^Ava Patel/)
    assert.equal(ava[agileColumn], '3 of 3 needed', 'a validated level that meets the need')
    const researchCell = matrix
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^Ava Patel/ }) })
      .locator('th, td')
      .nth(researchColumn)
    assert.equal(
      await textOf(researchCell),
      '▼ 1* self-assessed of 2 needed (below the level)',
      'a self-assessed level below the need'
    )
    assert.deepEqual(await textsOf(researchCell.locator('.sr-only')), [
      'self-assessed',
      '(below the level)',
    ])
    assert.deepEqual(await textsOf(researchCell.locator('[aria-hidden=true]')), ['▼', '*'])
    const ben = await rowCells(matrix, /^Ben Carter/)
    assert.equal(ben[agileColumn], '▼ 2* self-assessed of 3 needed (below the level)')
    assert.equal(ben[researchColumn], '▼ None of 2 needed (below the level)')
    assert.deepEqual(
      await textsOf(matrix.locator('tfoot td')),
      headers.slice(1).map((_, index) => (index + 1 === agileColumn ? '1 of 2' : '2 of 2')),
      'people below the level, per skill'
    )
    await page.assertAccessible()

    // On a phone the page keeps its width; the table scrolls in its own focusable region.
    await page.setViewportSize(PHONE)
    await page.reload()
    await page.assertPath('/capability/team')
    const widths = await documentWidth(page)
    assert.isAtMost(
      widths.scrollWidth,
      widths.innerWidth + 1,
      'the page itself does not scroll sideways'
    )
    const region = page.getByRole('region', {
      name: 'Skills by person: level held against the level needed',
    })
    assert.equal(await region.getAttribute('tabindex'), '0')
    const overflow = await contentWidth(region)
    assert.isAbove(overflow.scrollWidth, overflow.clientWidth, 'the table scrolls in its region')
    await region.focus()
    const focused = await page.evaluate(
      () => document.activeElement?.getAttribute('aria-labelledby') ?? null
    )
    assert.equal(focused, 'team-skills-caption', 'the region takes keyboard focus')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    // Chromium scrolls smoothly: wait for the region to move.
    const scrolled = await region.evaluate(
      (element) =>
        new Promise<number>((done) => {
          const started = Date.now()
          const check = () => {
            if (element.scrollLeft > 0 || Date.now() - started > 2000) done(element.scrollLeft)
            else requestAnimationFrame(check)
          }
          check()
        })
    )
    assert.isAbove(scrolled, 0, 'the arrow keys scroll the focused region')
    const pageScrolled = await page.evaluate(() => window.scrollX)
    assert.equal(pageScrolled, 0, 'the page itself stays put')
    await page.assertAccessible()
  }).timeout(30_000)
})
