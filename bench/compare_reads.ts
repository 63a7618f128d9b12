/*
 * Compares what two running copies of the service answer on the read
 * paths of the catalogue, the course and session pages and the API's
 * lists, byte for byte: one built from the code before a change, one from
 * the code after, both on the same database (the demo data). Each person
 * signs in to both; pages are compared with their CSRF token and CSP nonce
 * blanked, JSON as sent.
 *
 *   node --import=@poppinss/ts-exec bench/compare_reads.ts \
 *     --before http://127.0.0.1:33441 --after http://127.0.0.1:33442 [--save tmp/reads]
 *
 * Prints one line per difference and a closing count; exits with status 1
 * when any answer differs. With --save, writes both answers of each
 * difference to that folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Browser } from './http/browser.js'

const argv = process.argv.slice(2)
function option(name: string) {
  const index = argv.indexOf(`--${name}`)
  return index === -1 ? undefined : argv[index + 1]
}
const BEFORE = option('before')
const AFTER = option('after')
const SAVE = option('save')
if (!BEFORE || !AFTER) {
  console.error('Give --before URL and --after URL: two running copies of the service')
  process.exit(2)
}

const PASSWORD = process.env.DEMO_PASSWORD ?? 'demo-password'
/* Two learners, a course admin, a line manager and another learner of the demo data (capability admins and HR sign in with a second step). */
const PEOPLE = [
  'learner01@demo.example',
  'learner07@demo.example',
  'courses@demo.example',
  'teamlead.dwp@demo.example',
  'learner12@demo.example',
]

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index)

const CATALOGUE_FILTERS = [
  '',
  '?page=2',
  '?page=3',
  '?page=9',
  '?sort=next_session',
  '?sort=next_session&page=2',
  '?q=data',
  '?q=agile&sort=next_session',
  '?mode=online',
  '?mode=classroom&page=2',
  '?skill=133',
  '?skill=189',
  '?roleProfile=53',
  '?provider=1',
  '?provider=2&sort=next_session',
  '?location=London',
  '?location=leeds&sort=next_session',
  '?from=2026-12-10&to=2027-01-31',
  '?from=2027-01-01&sort=next_session',
  '?to=2026-12-31&location=Bristol',
  '?forMyRole=1',
  '?forMyGaps=1',
  '?forMyRole=1&forMyGaps=1&sort=next_session',
  '?from=2027-02-30',
  '?q=%25_!',
]

const PAGES = [
  ...CATALOGUE_FILTERS.map((query) => `/learning/courses${query}`),
  ...range(1, 46).map((id) => `/learning/courses/${id}`),
]

const API = [
  ...CATALOGUE_FILTERS.filter((query) => !query.includes('forMy')).map(
    (query) => `/api/v1/courses${query}`
  ),
  '/api/v1/courses?perPage=5&page=3',
  '/api/v1/courses?perPage=100',
  '/api/v1/courses?perPage=0',
  '/api/v1/courses?page=0',
  ...range(1, 46).map((id) => `/api/v1/courses/${id}`),
  ...range(1, 134).map((id) => `/api/v1/sessions/${id}`),
  '/api/v1/role-profiles',
  '/api/v1/role-profiles?page=2',
  '/api/v1/role-profiles?page=3&perPage=10',
  '/api/v1/role-profiles?perPage=100',
  '/api/v1/role-profiles?q=data',
  '/api/v1/role-profiles?q=%25',
  '/api/v1/role-profiles?family=2',
  '/api/v1/role-profiles?family=3&page=2&perPage=2',
  '/api/v1/role-profiles?page=99',
  '/api/v1/skills',
  '/api/v1/skills?page=2',
  '/api/v1/skills?perPage=100',
  '/api/v1/skills?q=design',
  '/api/v1/skills?category=Security',
  '/api/v1/skills?category=Data%20and%20analysis&perPage=3&page=2',
  '/api/v1/skills?page=99',
  '/api/v1/services',
  '/api/v1/services?page=2&perPage=5',
  '/api/v1/me/enrolments',
  '/api/v1/me/enrolments?status=booked',
  '/api/v1/me/enrolments?page=2&perPage=3',
  '/api/v1/me/enrolments?page=50',
]

/* A page's per-request secrets blanked: the CSRF token and the CSP nonce. */
function normalise(body: string) {
  return body
    .replace(/(name=['"]_csrf['"]\s+value=['"])[^'"]+/g, '$1CSRF')
    .replace(/(name=['"]csrf-token['"]\s+content=['"])[^'"]+/g, '$1CSRF')
    .replace(/nonce=(['"])[^'"]+\1/g, 'nonce="NONCE"')
}

type Answer = { status: number; type: string; body: string }

async function answer(browser: Browser, path: string, headers: Record<string, string> = {}) {
  const response = await browser.request(path, { headers })
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: normalise(await response.text()),
  } satisfies Answer
}

let compared = 0
let differing = 0
/* How many answers of each status were compared, so a run that compared only refusals shows. */
const statuses: Record<number, number> = {}

function compare(label: string, before: Answer, after: Answer) {
  compared++
  statuses[before.status] = (statuses[before.status] ?? 0) + 1
  if (before.status === after.status && before.type === after.type && before.body === after.body) {
    return
  }
  differing++
  console.log(`DIFFERS ${label}: ${before.status} vs ${after.status}`)
  if (SAVE) {
    mkdirSync(SAVE, { recursive: true })
    const name = label.replace(/[^a-z0-9]+/gi, '_')
    writeFileSync(join(SAVE, `${name}.before`), before.body)
    writeFileSync(join(SAVE, `${name}.after`), after.body)
  }
}

for (const email of PEOPLE) {
  const before = new Browser(BEFORE)
  const after = new Browser(AFTER)
  await before.signIn(email, PASSWORD)
  await after.signIn(email, PASSWORD)
  for (const path of PAGES) {
    compare(`${email} ${path}`, await answer(before, path), await answer(after, path))
  }
  const token = await new Browser(BEFORE).apiToken(email, PASSWORD)
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' }
  for (const path of API) {
    compare(
      `${email} ${path}`,
      await answer(new Browser(BEFORE), path, headers),
      await answer(new Browser(AFTER), path, headers)
    )
  }
}

console.log(`Statuses compared: ${JSON.stringify(statuses)}`)
console.log(`${compared - differing} passed, ${differing} failed`)
process.exit(differing ? 1 : 0)
