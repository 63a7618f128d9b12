import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { SessionData } from '@adonisjs/session/types'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { newToken } from '#services/password_links'
import { assessmentSkills } from '#queries/capability/assessment_query'
import { getFormsOf, linksOf } from '#tests/support/html'
import { demoAdministratorInEveryRole, demoRecordsOfEveryKind } from '#tests/support/fixtures/demo'
import { allRoutes, matchesPattern, urlFor } from '#tests/support/routes'

/*
 * Text that breaks out of an attribute or an element if it is written
 * unescaped: a double-quoted attribute, a single-quoted one, a textarea,
 * and an Alpine directive that would submit the form it lands in.
 */
const PAYLOAD =
  `"><i x-data x-init="$el.form.requestSubmit()" data-pwn>` +
  `' autofocus onfocus=alert(2) '</textarea><script>`

/* Stored links a template might put in an href. */
const URL_PAYLOAD = 'javascript:alert(document.domain)//'

/* Each is only in a page when the payload was written without escaping. */
const UNESCAPED = [
  '<i x-data',
  'data-pwn>',
  "' autofocus onfocus",
  '</textarea><script>',
  'href="javascript:',
]

/* Free text people type into the service, wherever it is stored. */
const FREE_TEXT_COLUMNS = new Set([
  'name',
  'full_name',
  'title',
  'description',
  'venue',
  'location',
  'notes',
  'comment',
  'summary',
  'descriptor',
  'reason',
  'cancellation_reason',
  'decision_reason',
  'decision_comment',
  'override_reason',
  'request_note',
  'review_note',
  'unmatched_reason',
  'subject_label',
  'provider_name',
  'team_name',
  'file_name',
])
const URL_COLUMNS = new Set(['evidence_url', 'online_url'])

/* Query parameters the list pages read, sent with the payload to every page. */
const REFLECTED_PARAMETERS = [
  'q',
  'from',
  'to',
  'actor',
  'status',
  'outcome',
  'sort',
  'direction',
  'toward',
  'organisationId',
  'location',
  'provider',
  'mode',
  'skill',
  'role',
  'grade',
]

/* GET routes that answer with something other than a page. */
const NOT_PAGES = [
  /^\/api\/v1\//,
  /\.(csv|ics|json)$/,
  /\/(download|progress|match-status|qr-code)$/,
  // An e-learning package's own files, for its sandboxed frame.
  /\/play\/:launchToken\/\*$/,
]

/* Page routes nobody has visited yet. */
function unvisitedPages(findings: Findings) {
  return allRoutes()
    .filter((route) => route.methods.includes('GET'))
    .map((route) => route.pattern)
    .filter((pattern) => !NOT_PAGES.some((notPage) => notPage.test(pattern)))
    .filter((pattern) => ![...findings.visited].some((path) => matchesPattern(pattern, path)))
}

/* Addresses not worth a visit: downloads and the API. */
const SKIPPED = [/^\/api\//, /\.(csv|ics|json)(\?|$)/, /\/download(\?|$)/, /^\/sign-out/]
const VISITS_PER_PATTERN = 2
const PAGES_PER_PERSON = 400

/* Each table's columns with the room they have for text (0: no limit), read through the test's transaction. */
async function textColumns(mysql: boolean) {
  const columns = new Map<string, Map<string, number>>()
  const add = (table: string, column: string, room: number) => {
    if (!columns.has(table)) columns.set(table, new Map())
    columns.get(table)!.set(column, room)
  }
  if (mysql) {
    const [rows] = await db.rawQuery(
      `SELECT table_name AS t, column_name AS c, character_maximum_length AS room
         FROM information_schema.columns WHERE table_schema = DATABASE()`
    )
    for (const row of rows) add(row.t, row.c, Number(row.room ?? 0))
    return columns
  }
  const tables = await db.rawQuery(`SELECT name FROM sqlite_master WHERE type = 'table'`)
  for (const { name } of tables) {
    for (const column of await db.rawQuery(`PRAGMA table_info(${name})`)) {
      add(name, column.name, Number(/\((\d+)\)/.exec(column.type)?.[1] ?? 0))
    }
  }
  return columns
}

/* Writes the payload into every free-text column and a bad link into every link column. */
async function plantPayloads() {
  const mysql = db.connection().dialect.name === 'mysql'
  const planted: string[] = []
  for (const [table, columns] of await textColumns(mysql)) {
    if (table.startsWith('adonis_') || table.startsWith('queue_')) continue
    for (const [column, room] of columns) {
      const isText = FREE_TEXT_COLUMNS.has(column)
      if (!isText && !URL_COLUMNS.has(column)) continue
      const value = isText ? PAYLOAD : URL_PAYLOAD
      if (room > 0 && room < value.length + 12) continue
      const expression =
        !isText || !columns.has('id') ? '?' : mysql ? `CONCAT(?, ' #', id)` : `? || ' #' || id`
      await db.rawQuery(`UPDATE ${table} SET ${column} = ${expression}`, [value])
      planted.push(`${table}.${column}`)
    }
  }
  return planted
}

/* "/learning/courses/12/sessions/3?x=1" counts as "/learning/courses/:n/sessions/:n". */
const patternOf = (url: string) => url.split('?')[0].replace(/\/\d+(?=\/|$)/g, '/:n')

function withParameters(url: string, names: string[]) {
  const [path, query = ''] = url.split('?')
  const parameters = new URLSearchParams(query)
  for (const name of names) parameters.set(name, PAYLOAD)
  return `${path}?${parameters.toString()}`
}

type Findings = {
  pages: number
  reflected: number
  escapedSeen: number
  failures: string[]
  visited: Set<string>
}

async function visit(
  client: ApiClient,
  user: User,
  url: string,
  findings: Findings,
  session: SessionData = {}
) {
  findings.visited.add(url.split('?')[0])
  const response = await client.get(url).loginAs(user).withSession(session).redirects(0)
  const status = response.status()
  const where = `${user.email} ${url.length > 100 ? url.slice(0, 100) + '…' : url}`
  if (status >= 500) findings.failures.push(`${where} → ${status}`)
  if (!String(response.header('content-type') ?? '').includes('text/html'))
    return { status, html: null }
  const html = response.text()
  for (const marker of UNESCAPED) {
    const at = html.indexOf(marker)
    if (at >= 0) {
      findings.failures.push(
        `${where}: unescaped ${JSON.stringify(marker)} in …${html.slice(Math.max(0, at - 80), at + 40)}…`
      )
    }
  }
  if (html.includes('&lt;i x-data')) findings.escapedSeen++
  return { status, html }
}

/* Every page the person reaches from home, and each with the payload in its query. */
async function crawl(client: ApiClient, user: User, findings: Findings) {
  const queue = ['/']
  const queued = new Set(queue)
  const perPattern = new Map<string, number>()
  const reflectedPatterns = new Set<string>()
  let pages = 0
  while (queue.length > 0 && pages < PAGES_PER_PERSON) {
    const url = queue.shift()!
    const { html } = await visit(client, user, url, findings)
    pages++
    if (html === null) continue

    const pattern = patternOf(url)
    if (!reflectedPatterns.has(pattern)) {
      reflectedPatterns.add(pattern)
      await visit(client, user, withParameters(url, REFLECTED_PARAMETERS), findings)
      findings.reflected++
      for (const form of getFormsOf(html, url)) {
        await visit(client, user, withParameters(form.action, form.fields), findings)
        findings.reflected++
      }
    }

    for (const link of linksOf(html)) {
      if (queued.has(link) || SKIPPED.some((skipped) => skipped.test(link))) continue
      const linkPattern = patternOf(link)
      const seen = perPattern.get(linkPattern) ?? 0
      if (seen >= VISITS_PER_PATTERN) continue
      perPattern.set(linkPattern, seen + 1)
      queued.add(link)
      queue.push(link)
    }
  }
  findings.pages += pages
}

test.group('Escaping: stored and reflected text on every page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('attribute-breaking text stored in every free-text field or sent in any query parameter is shown only escaped', async ({
    client,
    assert,
  }) => {
    const admin = await demoAdministratorInEveryRole()
    await demoRecordsOfEveryKind(admin, { q: PAYLOAD })
    const planted = await plantPayloads()
    const expected = [
      'courses.title',
      'course_sessions.venue',
      'users.full_name',
      'organisations.name',
      'placements.title',
      'placements.location',
      'capability_gaps.title',
      'recruitment_campaigns.title',
      'services.name',
      'teams.name',
      'skills.name',
      'role_profiles.name',
      'auth_access_tokens.name',
      'fast_stream_cohorts.name',
      'development_plan_items.notes',
      'enrolments.request_note',
      'exports.file_name',
      'framework_imports.file_name',
    ]
    assert.deepEqual(
      expected.filter((column) => !planted.includes(column)),
      [],
      'columns that should hold the payload'
    )

    const people = [
      admin,
      await User.findByOrFail('email', 'learner01@demo.example'),
      await User.findByOrFail('email', 'entrant001@demo.example'),
      await User.findByOrFail('email', 'hr.dft@demo.example'),
    ]
    const findings: Findings = {
      pages: 0,
      reflected: 0,
      escapedSeen: 0,
      failures: [],
      visited: new Set(),
    }
    for (const person of people) {
      await person.load('roles')
      await crawl(client, person, findings)
    }

    // The sign-in pages, as someone not signed in.
    for (const url of [
      '/sign-in',
      withParameters('/sign-in', ['returnTo', 'email']),
      '/sign-in/department',
      withParameters('/sign-in/department', ['returnTo', 'email']),
      withParameters('/sign-in/department/callback', ['code', 'state', 'error']),
    ]) {
      const response = await client.get(url).redirects(0)
      findings.visited.add(url.split('?')[0])
      const html = response.text()
      for (const marker of UNESCAPED) assert.notInclude(html, marker, url)
    }
    // The way on to a department's sign-in page, with an address holding the payload.
    const onward = await client
      .get('/sign-in/department/continue')
      .withSession({
        departmentSignIn: { providerId: 1, state: 's', nonce: 'n', codeVerifier: 'v' },
        departmentSignInUrl: `https://login.example.gov.uk/auth?hint=${PAYLOAD}`,
      })
      .redirects(0)
    findings.visited.add('/sign-in/department/continue')
    assert.equal(onward.status(), 200)
    for (const marker of UNESCAPED) assert.notInclude(onward.text(), marker, 'continue')

    // The code pages of two-step verification, for a sign-in waiting for its code.
    for (const path of ['/sign-in/two-step', '/sign-in/two-step/recovery-code']) {
      for (const url of [path, withParameters(path, ['code', 'recoveryCode', 'returnTo'])]) {
        const response = await client
          .get(url)
          .withSession({
            twoStepPendingSignIn: {
              userId: people[1].id,
              until: Date.now() + 60_000,
              returnTo: '/',
            },
          })
          .redirects(0)
        assert.equal(response.status(), 200, url)
        findings.visited.add(path)
        for (const marker of UNESCAPED) assert.notInclude(response.text(), marker, url)
      }
    }

    // "Forgot your password?" and a password link's page, as someone not signed in.
    const link = newToken()
    await db.table('password_links').insert({
      user_id: people[1].id,
      kind: 'reset',
      selector: link.selector,
      secret_hash: link.secretHash,
      expires_at: '2099-01-01 00:00:00',
      created_at: '2026-01-01 00:00:00',
    })
    for (const path of ['/forgot-password', `/set-password/${link.token}`]) {
      for (const url of [path, withParameters(path, ['email', 'returnTo'])]) {
        const response = await client.get(url).redirects(0)
        assert.equal(response.status(), 200, url)
        findings.visited.add(path)
        for (const marker of UNESCAPED) assert.notInclude(response.text(), marker, url)
      }
    }

    // The answers' check page, mid-way through a self-assessment.
    const learner = people[1]
    const { skills } = await assessmentSkills(learner.id)
    assert.isAbove(skills.length, 0)
    const answers = skills.map((skill) => ({ skillId: skill.id, level: 2 }))
    const check = await visit(client, learner, '/capability/assessment/check', findings, {
      'capability.pendingSelfAssessment': answers,
    })
    assert.equal(check.status, 200)
    assert.include(check.html, '&lt;i x-data')

    // An e-learning package's player, as a learner who has started its course, and its upload
    // form on a self-paced course, as its course admin.
    const packaged = await db
      .from('course_modules')
      .join('self_paced_enrolments', 'self_paced_enrolments.course_id', 'course_modules.course_id')
      .where('course_modules.kind', 'scorm')
      .where('self_paced_enrolments.status', 'in_progress')
      .select('course_modules.id', 'course_modules.course_id', 'self_paced_enrolments.user_id')
      .first()
    const player = await visit(
      client,
      await User.findOrFail(packaged.user_id),
      `/learning/modules/${packaged.id}/play`,
      findings
    )
    assert.equal(player.status, 200)
    const upload = await visit(
      client,
      admin,
      `/learning/admin/courses/${packaged.course_id}/packages/create`,
      findings
    )
    assert.equal(upload.status, 200)

    // A self-paced course's progress and withdrawal pages, as a learner part way through it.
    const running = await db
      .from('self_paced_enrolments')
      .where('status', 'in_progress')
      .orderBy('id')
      .select('course_id', 'user_id')
      .first()
    const runner = await User.findOrFail(running.user_id)
    for (const page of ['your-progress', 'withdraw']) {
      const shown = await visit(
        client,
        runner,
        `/learning/courses/${running.course_id}/${page}`,
        findings
      )
      assert.equal(shown.status, 200, page)
    }

    // Pages no link reaches on the demo data, visited at an address built from real ids.
    for (const pattern of unvisitedPages(findings)) {
      const url = await urlFor(pattern)
      const { status } = await visit(client, admin, url, findings)
      assert.equal(status, 200, `${url} shows a page`)
      await visit(client, admin, withParameters(url, REFLECTED_PARAMETERS), findings)
    }
    assert.deepEqual(unvisitedPages(findings), [], 'pages no person visited')
    assert.isAtLeast(findings.pages, 300, 'pages visited')
    assert.isAtLeast(findings.reflected, 150, 'pages visited with the payload in the query')
    assert.isAtLeast(findings.escapedSeen, 100, 'pages showing the payload, escaped')
    assert.deepEqual(findings.failures.slice(0, 15), [], `${findings.failures.length} failures`)
  }).timeout(900_000)
})
