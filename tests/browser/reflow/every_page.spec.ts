import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { Assert } from '@japa/assert'
import type { Browser, Page } from 'playwright'
import DemoSeeder from '#database/seeders/demo_seeder'
import User from '#models/user'
import { createUser } from '#database/factories/user_factory'
import { newToken } from '#services/password_links'
import { assessmentSkills } from '#queries/capability/assessment_query'
import { assertAccessible } from '#tests/support/accessibility'
import { pageFor } from '#tests/support/browser_sign_in'
import { administratorInEveryRole, demoRecordsOfEveryKind } from '#tests/support/fixtures/demo'
import { baseURL } from '#tests/support/page_text'
import { reflowProblems } from '#tests/support/page_widths'
import { allRoutes, matchesPattern, urlFor } from '#tests/support/routes'

/*
 * Every page at 320 px (WCAG 1.4.10, reflow), as each kind of person sees it:
 * nothing may widen the page or pass its right edge except inside a region
 * that scrolls and can be reached by keyboard, and each page pattern passes
 * axe once. The patterns come from the router, so a new page is walked too.
 */

const PHONE = { width: 320, height: 640 }
const DESKTOP = { width: 1280, height: 800 }

/* GET routes that answer with something other than a page. */
const NOT_PAGES = [
  /^\/api\//,
  /\.[a-z]+$/,
  /\/(download|progress|match-status|qr-code)$/,
  /^\/health$/,
  /^\/sign-in\/department\/callback$/,
  // An e-learning package's own files, for its sandboxed frame.
  /\/play\/:launchToken\/\*$/,
]

/* Addresses a crawl does not follow: downloads, the API and signing out. */
const SKIPPED = [/^\/api\//, /\.[a-z]+(\?|$)/, /\/download(\?|$)/, /^\/sign-out/]

/* Every page pattern, the most specific first: "/admin/users/create" before "/admin/users/:id". */
function pagePatterns() {
  return allRoutes()
    .filter((route) => route.methods.includes('GET'))
    .map((route) => route.pattern)
    .filter((pattern) => !NOT_PAGES.some((notPage) => notPage.test(pattern)))
    .sort((a, b) => a.split(':').length - b.split(':').length)
}

type Walk = {
  patterns: string[]
  /* Pattern → the people it was visited as. */
  visited: Map<string, Set<string>>
  axeChecked: Set<string>
  failures: string[]
}

function patternOf(walk: Walk, path: string) {
  return walk.patterns.find((pattern) => matchesPattern(pattern, path)) ?? null
}

/*
 * Opens the address. A page that reloads itself (a job's progress) can cut
 * the next address's loading short: that one is asked for again.
 */
async function open(page: Page, url: string) {
  try {
    const response = await page.goto(url)
    await page.waitForLoadState('load')
    return response
  } catch (error) {
    if (!String(error).includes('ERR_ABORTED')) throw error
    return page.goto(url)
  }
}

/* Opens a page at 320 px and records what breaks its reflow, and axe's findings the first time its pattern is seen. */
async function check(page: Page, who: string, url: string, walk: Walk) {
  const response = await open(page, url)
  const path = new URL(page.url()).pathname
  const pattern = patternOf(walk, path)
  const html = String(response?.headers()['content-type'] ?? '').includes('text/html')
  if (!pattern || !html) return null
  if (!walk.visited.has(pattern)) walk.visited.set(pattern, new Set())
  if (walk.visited.get(pattern)!.has(who)) return pattern
  walk.visited.get(pattern)!.add(who)
  if ((response?.status() ?? 0) >= 400) {
    walk.failures.push(`${who} ${url}: answered ${response?.status()}`)
  }
  for (const problem of await reflowProblems(page)) {
    walk.failures.push(`${who} ${path}: ${problem}`)
  }
  if (!walk.axeChecked.has(pattern)) {
    walk.axeChecked.add(pattern)
    try {
      await assertAccessible(page)
    } catch (error) {
      walk.failures.push(`${who} ${(error as Error).message}`)
    }
  }
  return pattern
}

/* The same-origin links on the page, without fragments. */
function linksOn(page: Page) {
  return page.$$eval('a[href^="/"]', (anchors) =>
    anchors.map((anchor) => anchor.getAttribute('href')!.split('#')[0])
  )
}

/* Every page the person reaches from home, one address per page pattern. */
async function crawl(page: Page, who: string, walk: Walk) {
  const queue = ['/']
  const queued = new Set<string>(['/'])
  while (queue.length > 0) {
    const url = queue.shift()!
    const pattern = await check(page, who, url, walk)
    if (!pattern) continue
    for (const link of await linksOn(page)) {
      if (SKIPPED.some((skipped) => skipped.test(link))) continue
      const linkPattern = patternOf(walk, link.split('?')[0])
      if (!linkPattern || queued.has(linkPattern)) continue
      queued.add(linkPattern)
      queue.push(link)
    }
  }
}

/* The demo's people, one for each kind of person the service has. */
async function people() {
  const byEmail = (email: string) => User.findByOrFail('email', email)
  const learners = await db
    .from('users')
    .where('email', 'like', 'learner%@demo.example')
    .select('id', 'email')
    .select(
      db.raw(
        '(SELECT COUNT(*) FROM users AS reports WHERE reports.line_manager_id = users.id) AS reports'
      )
    )
    .orderBy('email')
  const manager = learners.find((row) => Number(row.reports) > 0)!
  const learner = learners.find((row) => Number(row.reports) === 0)!
  return [
    { who: 'learner', user: await byEmail(learner.email) },
    { who: 'line manager', user: await byEmail(manager.email) },
    { who: 'department HR', user: await byEmail('hr.dft@demo.example') },
    { who: 'course admin', user: await byEmail('courses@demo.example') },
    { who: 'capability admin', user: await byEmail('admin@demo.example') },
    { who: 'Fast Stream entrant', user: await byEmail('entrant001@demo.example') },
    { who: 'Fast Stream team', user: await byEmail('faststream@demo.example') },
    { who: 'team lead', user: await byEmail('teamlead.gds@demo.example') },
  ]
}

/* The pages someone not signed in sees, with the sessions and links some of them need. */
async function walkSignedOut(browser: Browser, walk: Walk, learner: User, assert: Assert) {
  const context = await browser.newContext({ baseURL: baseURL(), viewport: PHONE })
  try {
    const page = await context.newPage()
    const link = newToken()
    await db.table('password_links').insert({
      user_id: learner.id,
      kind: 'reset',
      selector: link.selector,
      secret_hash: link.secretHash,
      expires_at: '2099-01-01 00:00:00',
      created_at: '2026-01-01 00:00:00',
    })
    const urls = [
      '/sign-in',
      '/forgot-password',
      '/sign-in/department',
      `/set-password/${link.token}`,
    ]
    for (const url of urls) await check(page, 'signed out', url, walk)
    for (const url of ['/accessibility', '/cookies', '/privacy', '/feedback', '/status']) {
      await check(page, 'signed out', url, walk)
    }
    // Checking a certificate, as someone a learner showed one to.
    await check(page, 'signed out', '/certificates/verify', walk)

    await context.setSession({
      twoStepPendingSignIn: { userId: learner.id, until: Date.now() + 600_000, returnTo: '/' },
      departmentSignIn: { providerId: 1, state: 's', nonce: 'n', codeVerifier: 'v' },
      departmentSignInUrl: 'https://login.example.gov.uk/authorize?client_id=department',
    })
    for (const url of ['/sign-in/two-step', '/sign-in/two-step/recovery-code']) {
      await check(page, 'signed out', url, walk)
    }
    // The page sends the browser on at once (a Refresh header): keep it, to measure it.
    await context.route('**/sign-in/department/continue', async (route) => {
      const response = await route.fetch()
      const { refresh, ...headers } = response.headers()
      assert.match(refresh, /^0;url=https:\/\/login\.example\.gov\.uk\//)
      await route.fulfill({ response, headers })
    })
    await check(page, 'signed out', '/sign-in/department/continue', walk)
  } finally {
    await context.close()
  }
}

test.group('Reflow: every page at 320 px', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('as each kind of person, no page pattern scrolls sideways, hides content past its edge or fails axe at 320 px', async ({
    browser,
    assert,
    cleanup,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const admin = await User.findByOrFail('email', 'admin@demo.example')
    await demoRecordsOfEveryKind(admin)
    const walk: Walk = {
      patterns: pagePatterns(),
      visited: new Map(),
      axeChecked: new Set(),
      failures: [],
    }

    const everyone = await people()
    await walkSignedOut(browser, walk, everyone[0].user, assert)
    for (const { who, user } of everyone) {
      const page = await pageFor(browser, user, cleanup, 15_000, { viewport: PHONE })
      await crawl(page, who, walk)
      if (who === 'learner') {
        // The answers' check page, mid-way through a self-assessment.
        const { skills } = await assessmentSkills(user.id)
        await page.context().setSession({
          'capability.pendingSelfAssessment': skills.map((skill) => ({
            skillId: skill.id,
            level: 2,
          })),
        })
        await check(page, who, '/capability/assessment/check', walk)
      }
    }

    // Pages no link reaches on the demo data, at an address built from real ids.
    const unvisited = () => walk.patterns.filter((pattern) => !walk.visited.has(pattern))
    const everyRole = await administratorInEveryRole()
    const page = await pageFor(browser, everyRole, cleanup, 15_000, { viewport: PHONE })
    // A round whose match can still be published.
    const matched = await db
      .from('placement_rounds')
      .where('status', 'matched')
      .select('id')
      .first()
    // A self-paced course, which takes e-learning packages.
    const selfPaced = await db
      .from('courses')
      .where('delivery', 'self_paced')
      .orderBy('id', 'desc')
      .select('id')
      .first()
    const ids = new Map([
      ['placement_rounds', Number(matched.id)],
      ['courses', Number(selfPaced.id)],
    ])
    for (const pattern of unvisited()) {
      await check(page, 'administrator in every role', await urlFor(pattern, ids), walk)
    }

    const visits = [...walk.visited.values()].reduce((sum, who) => sum + who.size, 0)
    console.log(
      `Reflow at 320 px: ${walk.visited.size} page patterns, ${visits} visits as ${everyone.length + 2} kinds of person, axe on ${walk.axeChecked.size}`
    )
    assert.isAtLeast(visits, 2 * walk.patterns.length, 'visits over every kind of person')
    assert.deepEqual(
      { unvisited: unvisited(), failures: walk.failures },
      { unvisited: [], failures: [] }
    )
  }).timeout(600_000)
})

/* The layout shift the page has had since it began loading (Chromium's PerformanceObserver), left out what followed input. */
function layoutShift(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number
            hadRecentInput: boolean
          })[]) {
            if (!entry.hadRecentInput) total += entry.value
          }
        }).observe({ type: 'layout-shift', buffered: true })
        setTimeout(() => resolve(total), 500)
      })
  )
}

test.group('Reflow: the navigation on a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('at 320 px the navigation starts folded behind the Menu button, so nothing moves when the page’s script runs', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const hr = await createUser({ roles: ['department_hr'] })
    const page = await pageFor(browser, hr, cleanup, 15_000, { viewport: PHONE })
    for (const url of ['/', '/admin/users', '/profile']) {
      await page.goto(url)
      await page.waitForFunction(() => 'Alpine' in window)
      const menu = page.getByRole('button', { name: 'Menu' })
      assert.isTrue(await menu.isVisible(), `${url}: the Menu button shows`)
      assert.equal(await menu.getAttribute('aria-expanded'), 'false')
      const shift = await layoutShift(page)
      assert.isBelow(shift, 0.01, `${url}: layout shift after load`)
    }
  })
})

test.group('Reflow: filters on a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('at 320 px a list’s filters are folded behind “Show filters” so its results come first; they open with or without JavaScript and always show from a tablet up', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const hr = await createUser({ roles: ['department_hr'] })
    for (const javaScriptEnabled of [true, false]) {
      const page = await pageFor(browser, hr, cleanup, 15_000, {
        viewport: PHONE,
        javaScriptEnabled,
      })
      for (const [url, form, found] of [
        ['/admin/users', 'Filter people', /(people|person) found/],
        ['/learning/courses', 'Filter courses', /courses? found/],
      ] as const) {
        const where = `${url}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`
        await page.setViewportSize(PHONE)
        await page.goto(url)
        const filters = page.getByRole('form', { name: form })
        const toggle = page.getByText('Show filters', { exact: true })
        const results = page.getByRole('status').filter({ hasText: found })
        assert.isFalse(await filters.isVisible(), `${where}: the filters start folded`)
        assert.isTrue(await toggle.isVisible(), `${where}: the toggle shows`)
        const resultsTop = (await results.boundingBox())!.y
        // Without JavaScript the navigation shows in full above them.
        if (javaScriptEnabled) {
          assert.isBelow(
            resultsTop,
            PHONE.height,
            `${where}: the count of results is on the first screen`
          )
        }

        await toggle.click()
        assert.isTrue(await filters.isVisible(), `${where}: the toggle opens the filters`)
        assert.isAbove(
          (await results.boundingBox())!.y,
          resultsTop,
          `${where}: the results move below them`
        )

        await page.setViewportSize(DESKTOP)
        await page.reload()
        assert.isTrue(await filters.isVisible(), `${where}: the filters show on a wide screen`)
        assert.isFalse(await toggle.isVisible(), `${where}: with no toggle`)
      }
    }
  })

  test('at 320 px filters with an error start open', async ({ browser, assert, cleanup }) => {
    const learner = await createUser()
    const page = await pageFor(browser, learner, cleanup, 15_000, { viewport: PHONE })
    await page.goto('/learning/courses?from=soon')
    assert.isTrue(await page.getByRole('form', { name: 'Filter courses' }).isVisible())
    await page.assertAccessible()
  })
})
