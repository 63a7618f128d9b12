import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import User from '#models/user'
import UserRole from '#models/user_role'
import { bearer } from '#tests/support/api'
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

/* A small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]
  return { next, pick }
}

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
  const walk = (folder: string, visit: (file: string) => void) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry)
      if (statSync(path).isDirectory()) walk(path, visit)
      else visit(path)
    }
  }
  walk(app.makePath('resources/views'), (file) => {
    if (!file.endsWith('.edge')) return
    for (const match of readFileSync(file, 'utf8').matchAll(/name: '([A-Za-z_][\w]*)'/g))
      names.add(match[1])
  })
  walk(app.makePath('app/validators'), (file) => {
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s+([A-Za-z_]\w*): vine\./gm))
      names.add(match[1])
  })
  return [...names].sort()
}

function bodies(seed: number, names: string[]) {
  const random = generator(seed)
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

const auditCount = async () => {
  const row = await db.from('audit_events').count('* as total').first()
  return Number(row.total)
}

test.group('Bad input on every write route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('no 5xx, specific field errors, and nothing written when input is refused', async ({
    client,
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const user = await User.findByOrFail('email', 'admin@demo.example')
    const team = await db.from('teams').orderBy('id').select('id').first()
    user.teamId = team?.id ?? null
    await user.save()
    for (const role of [
      'department_hr',
      'course_admin',
      'fast_stream_admin',
      'team_lead',
    ] as const) {
      await UserRole.firstOrCreate({ userId: user.id, role }, { userId: user.id, role })
    }
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
        const before = await auditCount()
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
          const after = await auditCount()
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
