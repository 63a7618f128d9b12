import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { bearer } from '#tests/support/api'
import { rowCount } from '#tests/support/database'
import { filesBelow, templates } from '#tests/support/source_files'
import { seeded } from '#tests/support/random'
import { demoAdministratorInEveryRole } from '#tests/support/fixtures/demo'
import { allRoutes, urlFor } from '#tests/support/routes'

/*
 * Bad input on every write route: each form and API route that changes
 * data gets generated bodies of the wrong types, huge strings, odd
 * unicode, SQL and script payloads and missing fields, as a user who holds
 * every role, on the demo data. None may answer 5xx; a refusal for bad
 * input must be specific (field errors) and must change nothing (no audit
 * event, since every change writes one).
 */

const BODIES_PER_ROUTE = 10
const SKIPPED = new Set(['POST /sign-out', 'DELETE /api/v1/tokens/current'])

const NASTY: unknown[] = [
  '',
  ' ',
  'x'.repeat(100_000),
  '\u0000',
  '\u202Eevil\u202C',
  '🙂'.repeat(300),
  'Z\u0351\u0352\u0353',
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '{{ 7*7 }}',
  '%s%s%s%n',
  -1,
  0,
  1.5,
  2 ** 53,
  -(2 ** 31),
  Number.MAX_SAFE_INTEGER,
  true,
  false,
  null,
  [],
  ['a', 'b'],
  { nested: { deep: ['x'] } },
  '2026-02-30',
  '31/12/2026',
  '2038-01-19',
  '2038-01-19T03:14:08Z',
  '9999-12-31',
  '1899-12-31',
  'line one\nline two',
  'carriage\rreturn',
  'tab\there',
  '\u0007bell',
  '\u0085next line',
  '\u2066isolate\u2069',
  '"><i x-data x-init="$el.form.requestSubmit()">',
  "' autofocus onfocus=alert(1) '",
  '</textarea><script>alert(1)</script>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example","x")',
  '/\\evil.example/',
  'x'.repeat(5001),
  'NaN',
  'Infinity',
  '1e309',
]

/* Field names the forms and validators use, so generated bodies reach the rules. */
function fieldNames(): string[] {
  const names = new Set<string>()
  for (const { text } of templates()) {
    for (const match of text.matchAll(/name: '([A-Za-z_][\w]*)'/g)) names.add(match[1])
  }
  for (const file of filesBelow(app.makePath('app/validators'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s+([A-Za-z_]\w*): vine\./gm))
      names.add(match[1])
  }
  return [...names].sort()
}

function bodies(seed: number, names: string[]) {
  const random = seeded(seed)
  const out: Record<string, unknown>[] = [{}]
  while (out.length < BODIES_PER_ROUTE) {
    const body: Record<string, unknown> = {}
    const count = 1 + Math.floor(random.next() * 8)
    for (let i = 0; i < count; i++) body[random.pick(names)] = random.pick(NASTY)
    out.push(body)
  }
  return out
}

/* Flattens a body for a form post: objects and arrays become bracketed keys. */
function formOf(body: Record<string, unknown>) {
  const form: Record<string, string> = {}
  const add = (key: string, value: unknown) => {
    if (value === null || value === undefined) form[key] = ''
    else if (Array.isArray(value)) value.forEach((item, index) => add(`${key}[${index}]`, item))
    else if (typeof value === 'object')
      for (const [inner, item] of Object.entries(value)) add(`${key}[${inner}]`, item)
    else form[key] = String(value)
  }
  for (const [key, value] of Object.entries(body)) add(key, value)
  return form
}

function writeRoutes() {
  return allRoutes()
    .flatMap((route) => route.methods.map((method) => ({ method, pattern: route.pattern })))
    .filter(({ method }) => !['GET', 'HEAD'].includes(method))
    .filter(({ method, pattern }) => !SKIPPED.has(`${method} ${pattern}`))
    .sort((a, b) => `${a.pattern} ${a.method}`.localeCompare(`${b.pattern} ${b.method}`))
}

test.group('Bad input on every write route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('no 5xx, specific field errors, and nothing written when input is refused', async ({
    client,
    assert,
  }) => {
    const user = await demoAdministratorInEveryRole()
    await user.load('roles')
    const token = await bearer(user)

    const names = fieldNames()
    const routes = writeRoutes()
    const ids = new Map<string, number>()
    const failures: string[] = []
    let sent = 0
    let refused = 0

    for (const [routeIndex, route] of routes.entries()) {
      const url = await urlFor(route.pattern, ids)
      const isApi = route.pattern.startsWith('/api/')
      for (const [bodyIndex, body] of bodies(routeIndex * 1000 + 17, names).entries()) {
        const before = await rowCount('audit_events')
        const request =
          client[route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](url)
        const response = isApi
          ? await request.header('Authorization', token).json(body).redirects(0)
          : await request.loginAs(user).withCsrfToken().form(formOf(body)).redirects(0)
        sent++
        const label = `${route.method} ${url} body #${bodyIndex} ${JSON.stringify(body).slice(0, 200)}`
        const status = response.status()
        if (status >= 500) {
          failures.push(`${label} → ${status}`)
          continue
        }
        const flashed = isApi ? null : (response.flashMessages() as Record<string, any> | undefined)
        const fieldErrors = isApi
          ? status === 422
          : Boolean(flashed?.inputErrorsBag || flashed?.errorsBag)
        if (isApi && status === 422) {
          const errors = response.body()?.errors
          if (
            !Array.isArray(errors) ||
            errors.length === 0 ||
            !errors.every((error: any) => error.field || error.message)
          )
            failures.push(`${label} → 422 without field details`)
        }
        if (fieldErrors) {
          refused++
          const after = await rowCount('audit_events')
          if (after !== before)
            failures.push(
              `${label} → refused (${status}) but ${after - before} change(s) were audited`
            )
        }
      }
    }

    assert.isAtLeast(sent, 1000, 'at least a thousand bad bodies')
    assert.isAbove(refused, sent / 4, 'most bad bodies are refused with field errors')
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures of ${sent} requests`)
  }).timeout(600_000)
})
