import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createScheme,
  createShortlist,
} from '#database/factories/fast_stream_factory'
import { textOf, textsOf } from '#tests/support/page_text'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { managerWithARequest } from '#tests/support/fixtures/training_requests'

/* The page each task of a home page leads to, by the heading it opens with. */
const TASK_PAGES: Record<string, string> = {
  '/learning/my': 'My learning',
  '/capability/plan': 'My development plan',
  '/learning/record': 'Your learning record',
  '/learning/approvals': 'Requests to approve',
  '/capability/validations': 'Validations',
  '/workforce/plans': 'Capability plans',
  '/workforce/gaps': 'Capability gap register',
  '/workforce/compliance': 'Strategy actions 01 and 02',
  '/admin/staff-imports': 'Staff imports',
  '/fast-stream/shortlist': 'Your shortlist',
}

const LEARNER_TASKS = [
  'Your upcoming sessions',
  'Development plan items due',
  'Skill claims your line manager decided',
]

type Task = { label: string; href: string }

/* The home page's task list: each section's heading with its tasks' links. */
async function taskList(page: Page) {
  const sections = page.locator('main section[aria-labelledby^="tasks-"]')
  const list: Array<{ heading: string; tasks: Task[] }> = []
  for (const section of await sections.all()) {
    const tasks: Task[] = []
    for (const link of await section.locator('li a').all()) {
      tasks.push({ label: await textOf(link), href: (await link.getAttribute('href'))! })
    }
    list.push({ heading: await textOf(section.locator('h2')), tasks })
  }
  return list
}

/*
 * Opens the person's home page without JavaScript, checks it lists these
 * sections and tasks, then follows each task's link from the home page and
 * checks it reaches the page the task names.
 */
async function assertTaskListWorks(
  page: Page,
  assert: any,
  person: { name: string; sections: Record<string, string[]> }
) {
  await page.goto('/')
  await page.getByRole('heading', { level: 1, name: `Welcome, ${person.name}` }).waitFor()
  // No script runs: the stylesheet shows the menu button only where scripts run.
  assert.isFalse(await page.locator('header button.menu-button').isVisible())

  const list = await taskList(page)
  assert.deepEqual(
    list.map((section) => section.heading),
    Object.keys(person.sections)
  )
  for (const section of list) {
    assert.deepEqual(
      section.tasks.map((task) => task.label),
      person.sections[section.heading],
      `the tasks under “${section.heading}”`
    )
  }

  for (const task of list.flatMap((section) => section.tasks)) {
    const heading = TASK_PAGES[task.href]
    assert.isDefined(heading, `a known page for “${task.label}” (${task.href})`)
    await page.goto('/')
    await page.getByRole('link', { name: task.label, exact: true }).click()
    await page.waitForURL((url) => url.pathname === task.href)
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor()
  }
}

test.group('Home page task lists without JavaScript', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner’s tasks are listed and each link reaches its page', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const learner = await createUser({ overrides: { fullName: 'Lena Learner' } })
    const page = await pageWithoutJavaScriptFor(browser, learner, cleanup, 15_000)
    await assertTaskListWorks(page, assert, {
      name: 'Lena Learner',
      sections: { 'Your learning and development': LEARNER_TASKS },
    })
  })

  test('a line manager’s tasks for the people who report to them are listed, counted, and each link reaches its page', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { manager } = await managerWithARequest()

    const page = await pageWithoutJavaScriptFor(browser, manager, cleanup, 15_000)
    await assertTaskListWorks(page, assert, {
      name: 'Mina Manager',
      sections: {
        'Your learning and development': LEARNER_TASKS,
        'For the people who report to you': [
          'Approve training requests',
          'Validate skills and role levels',
        ],
      },
    })
    await page.goto('/')
    const approvals = page.getByRole('link', { name: 'Approve training requests' })
    assert.include(await textOf(page.locator('li', { has: approvals })), '1 request waiting')
    await approvals.click()
    await page.getByText('Agile for leaders').first().waitFor()
  })

  test('department HR’s tasks for their organisation are listed and each link reaches its page', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
    const hr = await createUser({
      roles: ['department_hr', 'learner'],
      organisation: dft,
      overrides: { fullName: 'Hana Hr' },
    })
    const page = await pageWithoutJavaScriptFor(browser, hr, cleanup, 15_000)
    await page.goto('/')
    const hrHeading = page.getByRole('heading', { level: 2, name: 'For your organisation' })
    await hrHeading.waitFor()
    const hrTasks = await textsOf(page.locator('section', { has: hrHeading }).locator('li a'))
    assert.lengthOf(hrTasks, 6)
    assert.match(hrTasks[1], /^Capability plans for \d{4}–\d{2} not yet sent$/)
    await assertTaskListWorks(page, assert, {
      name: 'Hana Hr',
      sections: {
        'Your learning and development': LEARNER_TASKS,
        'For your organisation': [
          'Capability plans returned for changes',
          hrTasks[1],
          'Capability gaps without an owner',
          'Services without a named, trained Service Manager (action 02)',
          'Boards without a compliant Digital Leader (action 01)',
          'Staff imports to finish',
        ],
      },
    })
  })

  test('a Fast Stream entrant and a Future Leader with a list not submitted reach their shortlist from the task', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const fastStreamRound = await createRound({ name: 'Spring placements' })
    const { user: entrant, entrant: entrantRecord } = await createEntrant({ name: 'Esi Entrant' })
    await createShortlist(
      fastStreamRound,
      entrantRecord,
      [await createPlacement(fastStreamRound, { title: 'Junior product manager' })],
      null
    )
    const leadersRound = await createRound({
      name: 'Future Leaders spring',
      programme: 'future_leaders',
    })
    const { user: leader, entrant: leaderRecord } = await createEntrant({
      name: 'Callum Fraser',
      scheme: await createScheme('Future Leaders Scheme', 'future_leaders'),
    })
    await createShortlist(
      leadersRound,
      leaderRecord,
      [await createPlacement(leadersRound, { title: 'Operations lead' })],
      null
    )

    for (const [user, name, round, placement] of [
      [entrant, 'Esi Entrant', 'Spring placements', 'Junior product manager'],
      [leader, 'Callum Fraser', 'Future Leaders spring', 'Operations lead'],
    ] as const) {
      const page = await pageWithoutJavaScriptFor(browser, user, cleanup, 15_000)
      await assertTaskListWorks(page, assert, {
        name,
        sections: {
          'Your learning and development': [...LEARNER_TASKS, 'Submit your placement shortlist'],
        },
      })
      // The shortlist the task leads to is theirs, in their own programme's round, and works without a script.
      await page.getByText(`${round}: up to 10 placements`).waitFor()
      await page.getByRole('link', { name: placement, exact: true }).waitFor()
      await page.getByRole('button', { name: 'Submit my list' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /^\s*Your shortlist of 1 placement is submitted/ })
        .waitFor()
    }
  })
})
