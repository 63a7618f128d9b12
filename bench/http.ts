/*
 * HTTP benchmark: the service's pages and JSON API under load, each
 * against a ceiling measured in the same run. The ceiling is a bare Node
 * `http` server answering the same target with the page's main SQL query
 * through mysql2 (bench/http/ceiling.ts), so each figure reads as a share
 * of what the database allows.
 *
 *   DB_HOST=127.0.0.1 DB_PORT=3306 DB_USER=… DB_PASSWORD=… DB_DATABASE=dcs_bench \
 *     npm run bench:http -- [--connections 16,64] [--duration 10] [--warmup 2]
 *       [--only catalogue,enrol | --floor] [--url http://127.0.0.1:3333] [--no-build] [--explain]
 *
 * The database must already hold data: the whole civil service from
 * `node ace bench:seed`, or the demo data. The script applies pending
 * migrations, takes a year of dashboard snapshots when there are none,
 * builds for production (`node ace build` into tmp/bench-build; --no-build
 * reuses it) and starts the service from the build (unless --url names one
 * already running on the same database) and the floor (bench/floor/: a
 * minimal AdonisJS app with the same middleware), signs people in through
 * the sign-in form, then runs autocannon against each target, the floor's
 * answer of the same kind and the ceiling at each connection count, reading
 * each server's CPU time from /proc. --floor runs the six targets measured
 * beside the floor. Enrolments it makes are deleted
 * after each run. It prints a table and writes it, with the machine, to
 * bench/results/<date>.json; it exits with status 1 when a target is missed.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Browser } from './http/browser.js'
import { load, type LoadFigures, type LoadRequest } from './http/load.js'
import { ceilingStatement, type CeilingInput } from './http/ceiling_sql.js'

/* ------------------------------------------------------------------ options */

const argv = process.argv.slice(2)
function option(name: string) {
  const index = argv.indexOf(`--${name}`)
  if (index === -1) return undefined
  const value = argv[index + 1]
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`)
  return value
}
const CONNECTIONS = (option('connections') ?? '16,64').split(',').map(Number)
const SECONDS = Number(option('duration') ?? 10)
const WARMUP = Number(option('warmup') ?? 2)
/* The targets measured beside the floor (bench/floor/): --floor runs just these. */
const FLOOR_TARGETS = [
  'sign-in',
  'catalogue',
  'course',
  'xgov-dashboard',
  'api-courses',
  'api-role-profiles',
]
const ONLY = argv.includes('--floor')
  ? FLOOR_TARGETS
  : (option('only')?.split(',').filter(Boolean) ?? null)
const REUSE_URL = option('url') ?? null
const EXPLAIN = argv.includes('--explain')
/* Reuse the production build in tmp/bench-build instead of building again. */
const NO_BUILD = argv.includes('--no-build')
/* A target whose single request takes longer than this (seconds) is not put under load: it would only queue. */
const TOO_SLOW = Number(option('too-slow') ?? 5)
/* How long the single request before the load may take before it is given up on (seconds). */
const SINGLE_TIMEOUT = Number(option('give-up') ?? 120)
if (CONNECTIONS.some((count) => !Number.isInteger(count) || count < 1)) {
  throw new Error('--connections takes whole numbers, like 16,64')
}
if (!(SECONDS > 0) || !(WARMUP >= 0)) throw new Error('--duration and --warmup take seconds')

const database = {
  host: process.env.DB_HOST ?? '127.0.0.1',
  port: Number(process.env.DB_PORT ?? 3306),
  user: process.env.DB_USER ?? 'root',
  password: process.env.DB_PASSWORD ?? '',
  database: process.env.DB_DATABASE ?? '',
}
if (!database.database) {
  console.error(
    'Set DB_HOST, DB_PORT, DB_USER, DB_PASSWORD and DB_DATABASE: a MySQL database holding the benchmark data (node ace bench:seed)'
  )
  process.exit(2)
}

const root = new URL('../', import.meta.url)
const rootPath = root.pathname
const work = mkdtempSync(join(tmpdir(), 'dcs-bench-http-'))
const emptyEnvFolder = join(work, 'env')
mkdirSync(emptyEnvFolder)
/* The service's log is kept when something went wrong, else the folder goes. */
let keepWork = false
process.on('exit', () => {
  if (!keepWork) rmSync(work, { recursive: true, force: true })
})

/* Everything the service and this script read from the environment: nothing leaks in from .env. */
const APP_KEY = randomBytes(32).toString('base64url')
const serviceEnv: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  TZ: 'UTC',
  ENV_PATH: `${emptyEnvFolder}/`,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  APP_KEY,
  LOG_LEVEL: 'warn',
  // Sessions in the database, where a single instance without Redis keeps them.
  SESSION_DRIVER: 'database',
  DB_CONNECTION: 'mysql',
  DB_HOST: database.host,
  DB_PORT: String(database.port),
  DB_USER: database.user,
  DB_PASSWORD: database.password,
  DB_DATABASE: database.database,
  // Sign-in counts only failures, but in memory no counter touches the database at all.
  LIMITER_STORE: 'memory',
  // The generated accounts have no two-step verification set up; production would insist on it for admins.
  TWO_STEP_COMPULSORY: 'false',
  QUEUE_INLINE_WORKER: 'false',
  SCHEDULER_ENABLED: 'false',
  // Enrolment e-mails are prepared and rendered, then fail to connect: no mail leaves the machine.
  MAIL_MAILER: 'smtp',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: '9',
  MAIL_FROM_ADDRESS: 'no-reply@bench.invalid',
}

/* ------------------------------------------------------------------ helpers */

const started: ChildProcess[] = []
async function stopAll() {
  for (const child of started.reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(10_000)])
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  }
}

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function ace(...args: string[]) {
  const result = spawnSync(process.execPath, ['ace.js', ...args], {
    cwd: rootPath,
    env: serviceEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`node ace ${args.join(' ')} failed`)
}

async function waitFor(url: string, seconds: number, child?: ChildProcess) {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`The process for ${url} has exited`)
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.status === 200) return
    } catch {}
    await sleep(250)
  }
  throw new Error(`${url} did not answer 200 within ${seconds} s`)
}

/*
 * CPU time a server process has used (user + system, in clock ticks), from
 * /proc/<pid>/stat: read before and after the measured seconds, it gives
 * the CPU each request cost that process. Null off Linux or once it exited.
 */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100
function cpuTicks(pid: number | null) {
  if (!pid) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which may hold spaces: state is the 3rd field, utime the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return null
  }
}
type CpuFigures = {
  /* The server process's CPU time over the measured seconds ÷ requests served (ms). */
  cpuMsPerRequest: number | null
  /* Of one core, over the measured seconds. */
  cpuShare: number | null
  /* The machine's 1-minute load average before and after the measured seconds. */
  loadAverage: [number, number]
}

const figure = (value: number, places = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-GB', {
        minimumFractionDigits: places,
        maximumFractionDigits: places,
      })
    : '–'

/* ------------------------------------------------------------------ the database, through the service's own code */

console.log(`Database ${database.database} on ${database.host}:${database.port}`)
console.log('Applying pending migrations')
// Lucid's migration lock is server-wide in MySQL: another run on the same server may hold it for a while.
for (let attempt = 1; ; attempt++) {
  try {
    ace('migration:run', '--force')
    break
  } catch (error) {
    if (attempt === 12) throw error
    console.log('The migration lock is held elsewhere on this server: trying again in 10 s')
    await sleep(10_000)
  }
}

Object.assign(process.env, serviceEnv)
const { ignitor } = await import('../bin/ignitor.js')
const app = ignitor().createApp('console')
await app.init()
await app.boot()
await app.start(async () => {})

const { default: db } = await import('@adonisjs/lucid/services/db')
const { gapView } = await import('#queries/capability/gaps_query')

const sqlTimeOf = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ')
const count = async (table: string) => {
  const row = await db.from(table).count('* as total').first()
  return Number(row?.total ?? 0)
}

/* The accounts the data offers: the whole civil service's, or the demo's. */
const DATASETS = [
  { name: 'bench:seed', domain: 'bench.example', password: 'bench-password' },
  { name: 'demo', domain: 'demo.example', password: 'demo-password' },
]
let dataset: (typeof DATASETS)[number] | undefined
for (const candidate of DATASETS) {
  if (await db.from('users').where('email', `admin@${candidate.domain}`).first()) {
    dataset = candidate
    break
  }
}
if (!dataset) {
  console.error(
    'No benchmark accounts in this database: run `node ace bench:seed` (or the demo seeder) first'
  )
  await app.terminate()
  process.exit(2)
}
const PASSWORD = dataset.password
const ADMIN = `admin@${dataset.domain}`

const sizes: Record<string, number> = {}
for (const table of [
  'organisations',
  'users',
  'role_assignments',
  'skill_assessments',
  'courses',
  'course_sessions',
  'enrolments',
  'services',
  'metric_snapshots',
]) {
  sizes[table] = await count(table)
}
console.log(
  `Data: ${dataset.name}; ${Object.entries(sizes)
    .map(([table, rows]) => `${table} ${rows.toLocaleString('en-GB')}`)
    .join(', ')}`
)

/*
 * The overview dashboards draw the financial year's daily snapshots of the
 * key measures (`node ace insights:snapshot`, run daily). The generated
 * data has none, so write made-up values for every department and all of
 * government for each day of the year so far: the trend query then reads
 * as many rows as after a year of daily snapshots.
 */
if (sizes.metric_snapshots === 0) {
  const { MEASURE_KEYS, MEASURES } = await import('#queries/insights/measures_query')
  const departmentRows = await db
    .from('organisations')
    .whereNull('parent_id')
    .whereNull('retired_at')
    .select('id')
  const keys = [0, ...departmentRows.map((row) => Number(row.id))]
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)
  const yearStart = new Date(
    Date.UTC(today.getUTCMonth() >= 3 ? today.getUTCFullYear() : today.getUTCFullYear() - 1, 3, 1)
  )
  const createdAt = sqlTimeOf(new Date())
  let rows: Array<Record<string, unknown>> = []
  for (
    let day = new Date(yearStart), n = 0;
    day <= today;
    day.setUTCDate(day.getUTCDate() + 1), n++
  ) {
    for (const key of keys) {
      for (const [index, measure] of MEASURE_KEYS.entries()) {
        const value =
          MEASURES[measure].unit === 'percent'
            ? 40 + ((n + key + index) % 40)
            : 1000 + ((key * 37 + n * 11 + index * 101) % 5000)
        rows.push({
          organisation_id: key === 0 ? null : key,
          organisation_key: key,
          measure,
          taken_on: day.toISOString().slice(0, 10),
          value,
          created_at: createdAt,
        })
      }
    }
    if (rows.length >= 2000) {
      await db.table('metric_snapshots').multiInsert(rows)
      rows = []
    }
  }
  if (rows.length) await db.table('metric_snapshots').multiInsert(rows)
  sizes.metric_snapshots = await count('metric_snapshots')
  console.log(
    `Snapshots: none in the data, so wrote made-up daily ones since ${yearStart.toISOString().slice(0, 10)} for ${keys.length - 1} departments and all of government: ${sizes.metric_snapshots.toLocaleString('en-GB')} rows`
  )
}

/* The department HR user: of the department with the most people. */
const [departments] = (await db.rawQuery(
  'select d.id, d.code, count(*) as people from organisations d ' +
    "join organisations o on o.id = d.id or o.path like concat(d.path, d.id, '/%') " +
    'join users u on u.organisation_id = o.id ' +
    'where d.parent_id is null group by d.id, d.code, d.path order by people desc'
)) as [Array<{ id: number; code: string; path: string; people: number }>]
let department: { id: number; code: string; path: string; people: number } | undefined
for (const row of departments) {
  if (await db.from('users').where('email', `hr.${row.code}@${dataset.domain}`).first()) {
    department = {
      id: Number(row.id),
      code: String(row.code),
      path: String(row.path),
      people: Number(row.people),
    }
    break
  }
}
if (!department) throw new Error('No department has an HR account in this data')
const HR = `hr.${department.code}@${dataset.domain}`

/* Strategy action 13: the department's service with the most periods of figures, for its service page. */
const reportingService = await db
  .from('services as s')
  .join('organisations as o', 'o.id', 's.organisation_id')
  .join('service_performance_reports as r', 'r.service_id', 's.id')
  .where((where) =>
    where
      .where('o.id', department!.id)
      .orWhere('o.path', 'like', `${department!.path}${department!.id}/%`)
  )
  .groupBy('s.id')
  .select('s.id')
  .count('* as periods')
  .orderBy('periods', 'desc')
  .orderBy('s.id')
  .first()
const reportCounts = await db
  .from('service_performance_reports')
  .count('* as reports')
  .countDistinct('service_id as services')
  .first()
const PERFORMANCE = {
  services: Number(reportCounts.services),
  reports: Number(reportCounts.reports),
  serviceId: reportingService ? Number(reportingService.id) : null,
  servicePeriods: reportingService ? Number(reportingService.periods) : 0,
}

/* Learners with a current role level: who enrols and whose gaps are shown. */
const LEARNERS = 32
const learnerRows = await db
  .from('users')
  .join('role_assignments as ra', (clause) =>
    clause.on('ra.user_id', 'users.id').andOnVal('ra.active_kind', 'current')
  )
  .where('users.email', 'like', `learner%@${dataset.domain}`)
  .whereNull('users.deactivated_at')
  .whereNotNull('users.line_manager_id')
  .orderBy('users.email')
  .limit(LEARNERS)
  .select('users.id', 'users.email')
const learners = learnerRows.map((row) => ({ id: Number(row.id), email: String(row.email) }))
if (learners.length === 0) throw new Error('No learners with a current role level in this data')

/* The person whose gaps page is measured: the first learner with open gaps that courses close. */
let gapsLearner: { id: number; email: string } | undefined
let openGaps: Array<{ skillId: number; required: number }> = []
for (const learner of learners) {
  const found = await gapView(learner.id, 'current')
  const open = found?.gaps.lines.filter((line) => line.gap > 0) ?? []
  if (found && open.length > 0 && found.courses.size > 0) {
    gapsLearner = learner
    openGaps = open.map((line) => ({ skillId: line.skillId, required: line.required }))
    break
  }
}
if (!gapsLearner) throw new Error('None of the learners has a gap that a course closes')

/* Catalogue search: "data", with the course mode most of those courses have. */
const TERM = 'data'
const modeRow = await db
  .from('courses')
  .where('status', 'published')
  .whereRaw('lower(title) like ?', [`%${TERM}%`])
  .groupBy('mode')
  .select('mode')
  .count('* as courses')
  .orderBy('courses', 'desc')
  .first()
const MODE = modeRow ? String(modeRow.mode) : null

/*
 * The course page: a busy course, not a freak one. Of the published courses
 * with upcoming sessions, the one at the 90th percentile by their number.
 */
const upcomingCounts = await db
  .from('course_sessions as cs')
  .join('courses as c', 'c.id', 'cs.course_id')
  .where('c.status', 'published')
  .where('cs.status', 'scheduled')
  .where('cs.starts_at', '>', sqlTimeOf(new Date()))
  .groupBy('cs.course_id')
  .select('cs.course_id')
  .count('* as sessions')
  .orderBy('sessions')
  .orderBy('cs.course_id')
const courseRow = upcomingCounts[Math.floor(upcomingCounts.length * 0.9)]
if (!courseRow) throw new Error('No published course has an upcoming session')
const COURSE_ID = Number(courseRow.course_id)
const COURSE_SESSIONS = Number(courseRow.sessions)

/*
 * Enrolments: open sessions of courses that need no approval. Request k
 * goes to session k mod S for learner (k div S + k mod S) mod L, so every request
 * is a new enrolment of a different learner on a different session, until
 * S × L requests; a learner already on a session is skipped.
 */
const inTwoDays = sqlTimeOf(new Date(Date.now() + 2 * 86_400_000))
const sessionRows = await db
  .from('course_sessions as cs')
  .join('courses as c', 'c.id', 'cs.course_id')
  .where('c.status', 'published')
  .where('c.requires_approval', false)
  .where('cs.status', 'scheduled')
  .where('cs.starts_at', '>', inTwoDays)
  .where('cs.booking_closes_at', '>', inTwoDays)
  .orderBy('cs.id')
  .limit(3000)
  .select('cs.id')
const sessionIds = sessionRows.map((row) => Number(row.id))
if (sessionIds.length === 0) throw new Error('No open session of a course without approval')
const activeEnrolments = await db
  .from('enrolments')
  .whereIn(
    'user_id',
    learners.map((learner) => learner.id)
  )
  .whereNotNull('active_session_id')
  .select('user_id', 'active_session_id')
const taken = new Set(activeEnrolments.map((row) => `${row.user_id}:${row.active_session_id}`))
const pairs: Array<{ learner: number; session: number }> = []
for (let k = 0; k < sessionIds.length * learners.length; k++) {
  const session = sessionIds[k % sessionIds.length]
  const learner = (Math.floor(k / sessionIds.length) + (k % sessionIds.length)) % learners.length
  if (!taken.has(`${learners[learner].id}:${session}`)) pairs.push({ learner, session })
}
const lastId = async (table: string) => {
  const row = await db.from(table).max('id as last').first()
  return Number(row?.last ?? 0)
}
const enrolmentBaseline = await lastId('enrolments')
const auditBaseline = await lastId('audit_events')

/* Takes the database back to before the run's enrolments (and their audit events). */
async function undoEnrolments() {
  await sleep(1000) // requests still in flight when the load stopped
  const removed = await db.from('enrolments').where('id', '>', enrolmentBaseline).delete()
  await db
    .from('audit_events')
    .where('id', '>', auditBaseline)
    .where('subject_type', 'enrolment')
    .delete()
  return Number(Array.isArray(removed) ? removed[0] : removed)
}

const poolSize = Number(
  (db.manager.get('mysql')?.config.pool as { max?: number } | undefined)?.max ?? 10
)
const versionRow = await db.rawQuery('select version() as version')
const databaseVersion = String(versionRow[0][0].version)

/* ------------------------------------------------------------------ targets */

type Account = 'guest' | 'learner' | 'hr' | 'admin' | 'token'
type Target = {
  name: string
  what: string
  /* Not run unless named in --only: slow pages beyond the issue's list. */
  extra?: boolean
  kind: 'page' | 'api'
  dashboard: boolean
  as: Account
  method: 'GET' | 'POST'
  path: string
  expect: number
  ceiling: CeilingInput
  /*
   * The floor's answer of the same kind (bench/floor/): a form page with no
   * query and no cookie, a page with one query for a signed-in session, or
   * a JSON list with one query; sized like the target's answer.
   */
  floor?: 'form' | 'page' | 'json'
}

/* The five dashboards, each for the largest department's HR and for all of government, with the query its ceiling runs. */
type Organisation = { id: number; path: string }
const DASHBOARD_PATHS = {
  'dashboard': '/insights',
  'capability': '/insights/capability',
  'workforce': '/insights/workforce',
  'learning': '/insights/learning',
  'fast-stream': '/insights/fast-stream',
} as const
const DASHBOARDS: Array<
  [keyof typeof DASHBOARD_PATHS, string, (organisation: Organisation | null) => CeilingInput]
> = [
  ['dashboard', 'Overview and trends', (o) => ({ kind: 'trends', organisationKey: o?.id ?? 0 })],
  ['capability', 'Capability dashboard', (o) => ({ kind: 'coverage', organisation: o })],
  ['workforce', 'Workforce dashboard', (o) => ({ kind: 'headcount', organisation: o })],
  ['learning', 'Learning dashboard', (o) => ({ kind: 'training', organisation: o })],
  ['fast-stream', 'Fast Stream dashboard', (o) => ({ kind: 'fast_stream', organisation: o })],
]

const TARGETS: Target[] = [
  {
    name: 'sign-in',
    what: 'Sign-in page, nobody signed in',
    kind: 'page',
    dashboard: false,
    as: 'guest',
    method: 'GET',
    path: '/sign-in',
    expect: 200,
    ceiling: { kind: 'static', body: '', contentType: 'text/html' },
    floor: 'form',
  },
  {
    name: 'catalogue',
    what: `Catalogue search "${TERM}"${MODE ? `, ${MODE}` : ''}, as a learner`,
    kind: 'page',
    dashboard: false,
    as: 'learner',
    method: 'GET',
    path: `/learning/courses?q=${TERM}${MODE ? `&mode=${MODE}` : ''}`,
    expect: 200,
    ceiling: { kind: 'catalogue', term: TERM, mode: MODE, sort: 'title' },
    floor: 'page',
  },
  {
    name: 'course',
    what: `Course page (course ${COURSE_ID}, ${COURSE_SESSIONS} upcoming sessions: 90th percentile), as a learner`,
    kind: 'page',
    dashboard: false,
    as: 'learner',
    method: 'GET',
    path: `/learning/courses/${COURSE_ID}`,
    expect: 200,
    ceiling: { kind: 'course_sessions', courseId: COURSE_ID },
    floor: 'page',
  },
  {
    name: 'gaps',
    what: `My gaps (${openGaps.length} open), as a learner`,
    kind: 'page',
    dashboard: false,
    as: 'learner',
    method: 'GET',
    path: '/capability/gaps',
    expect: 200,
    ceiling: { kind: 'gap_courses', gaps: openGaps },
  },
  {
    name: 'enrol',
    what: 'Enrol (form POST with CSRF), a new enrolment each request',
    kind: 'page',
    dashboard: false,
    as: 'learner',
    method: 'POST',
    path: '/learning/sessions/:id/enrolments',
    expect: 302,
    ceiling: { kind: 'enrol' },
  },
  ...DASHBOARDS.flatMap(([suffix, title, ceiling]): Target[] => [
    {
      name: `dept-${suffix}`,
      what: `${title} (${department.code}, ${department.people.toLocaleString('en-GB')} people), as its HR`,
      kind: 'page',
      dashboard: true,
      as: 'hr',
      method: 'GET',
      path: `${DASHBOARD_PATHS[suffix]}?organisationId=${department.id}`,
      expect: 200,
      ceiling: ceiling({ id: department.id, path: department.path }),
    },
    {
      name: `xgov-${suffix}`,
      what: `${title} for all of government, as a capability admin`,
      kind: 'page',
      dashboard: true,
      as: 'admin',
      method: 'GET',
      path: DASHBOARD_PATHS[suffix],
      expect: 200,
      ceiling: ceiling(null),
      floor: suffix === 'dashboard' ? 'page' : undefined,
    },
  ]),
  {
    name: 'dept-performance',
    what: `Service performance (${department.code}: its services' last month ranked, movers, missing, capability beside performance), as its HR`,
    kind: 'page',
    dashboard: true,
    as: 'hr',
    method: 'GET',
    path: `/workforce/performance?organisation=${department.id}`,
    expect: 200,
    ceiling: { kind: 'performance', organisation: { id: department.id, path: department.path } },
  },
  {
    name: 'xgov-performance',
    what: `Service performance for all of government (${PERFORMANCE.services.toLocaleString('en-GB')} services, ${PERFORMANCE.reports.toLocaleString('en-GB')} months of figures), as a capability admin`,
    kind: 'page',
    dashboard: true,
    as: 'admin',
    method: 'GET',
    path: '/workforce/performance',
    expect: 200,
    ceiling: { kind: 'performance', organisation: null },
  },
  {
    name: 'service-performance',
    what: `A service's performance page (service ${PERFORMANCE.serviceId}, ${PERFORMANCE.servicePeriods} months, with its department's and similar services' medians), as its department's HR`,
    kind: 'page',
    dashboard: true,
    as: 'hr',
    method: 'GET',
    path: `/workforce/services/${PERFORMANCE.serviceId}/performance`,
    expect: 200,
    ceiling: { kind: 'service_periods', serviceId: PERFORMANCE.serviceId ?? 0 },
  },
  {
    name: 'api-courses',
    what: 'GET /api/v1/courses (first page)',
    kind: 'api',
    dashboard: false,
    as: 'token',
    method: 'GET',
    path: '/api/v1/courses',
    expect: 200,
    ceiling: { kind: 'catalogue', term: null, mode: null, sort: 'title' },
    floor: 'json',
  },
  {
    name: 'api-role-profiles',
    what: 'GET /api/v1/role-profiles (first page)',
    kind: 'api',
    dashboard: false,
    as: 'token',
    method: 'GET',
    path: '/api/v1/role-profiles',
    expect: 200,
    ceiling: { kind: 'role_profiles' },
    floor: 'json',
  },
  {
    name: 'api-services',
    what: 'GET /api/v1/services (first page, all of government)',
    kind: 'api',
    dashboard: false,
    as: 'token',
    method: 'GET',
    path: '/api/v1/services',
    expect: 200,
    ceiling: { kind: 'services' },
  },
]

const unknown = (ONLY ?? []).filter((name) => !TARGETS.some((target) => target.name === name))
if (unknown.length) {
  throw new Error(
    `Unknown target ${unknown.join(', ')}; targets: ${TARGETS.map((target) => target.name).join(', ')}`
  )
}
const selected = TARGETS.filter((target) => (ONLY ? ONLY.includes(target.name) : !target.extra))

/* ------------------------------------------------------------------ --explain: the ceiling queries' plans */

if (EXPLAIN) {
  for (const target of selected) {
    const statement = ceilingStatement(target.ceiling)
    if (!statement) continue
    const times: number[] = []
    for (let run = 0; run < 5; run++) {
      const begun = performance.now()
      await db.rawQuery(statement.sql, statement.params as any[])
      times.push(performance.now() - begun)
    }
    times.sort((a, b) => a - b)
    const [plan] = await db.rawQuery(`explain ${statement.sql}`, statement.params as any[])
    console.log(`\n${target.name}: ${target.what} — median ${times[2].toFixed(1)} ms alone`)
    console.table(
      (plan as Array<Record<string, unknown>>).map((row) => ({
        id: row.id,
        select_type: row.select_type,
        table: row.table,
        type: row.type,
        key: row.key,
        key_len: row.key_len,
        ref: row.ref,
        rows: row.rows,
        Extra: row.Extra,
      }))
    )
  }
  await app.terminate()
  process.exit(0)
}

/* ------------------------------------------------------------------ the service and the ceiling */

let exitCode = 0
try {
  let baseUrl = REUSE_URL
  let servicePid: number | null = null
  const buildPath = join(rootPath, 'tmp/bench-build')
  if (!REUSE_URL && !(NO_BUILD && existsSync(join(buildPath, 'bin/server.js')))) {
    /*
     * The production build (`node ace build`: assets by Vite, TypeScript by
     * tsc), into tmp/bench-build so it never touches anyone's build/. The
     * type check of the whole tree is not this script's business, so a type
     * error elsewhere does not stop the build.
     */
    console.log('Building for production (node ace build) into tmp/bench-build')
    const built = spawnSync(
      process.execPath,
      ['ace.js', 'build', '--ignore-ts-errors', '--tsconfig=bench/http/tsconfig.build.json'],
      { cwd: rootPath, stdio: ['ignore', 'ignore', 'inherit'] }
    )
    if (built.status !== 0 || !existsSync(join(buildPath, 'bin/server.js'))) {
      throw new Error('node ace build failed')
    }
  }
  // The floor's views are not TypeScript: they sit beside its compiled code.
  cpSync(join(rootPath, 'bench/floor/resources'), join(buildPath, 'bench/floor/resources'), {
    recursive: true,
  })
  mkdirSync(join(buildPath, 'tmp'), { recursive: true })

  const startBuilt = async (name: string, entry: string, extraEnv: Record<string, string>) => {
    const port = await freePort()
    const log = join(work, `${name}.log`)
    const output = openSync(log, 'a')
    const child = spawn(process.execPath, [entry], {
      cwd: buildPath,
      env: { ...serviceEnv, ...extraEnv, PORT: String(port), APP_URL: `http://127.0.0.1:${port}` },
      stdio: ['ignore', output, output],
    })
    started.push(child)
    const url = `http://127.0.0.1:${port}`
    console.log(`Starting ${name} (production build, pid ${child.pid}) on ${url}; log ${log}`)
    await waitFor(`${url}/health`, 90, child)
    return { url, pid: child.pid! }
  }

  if (!baseUrl) {
    const service = await startBuilt('the service', 'bin/server.js', {})
    baseUrl = service.url
    servicePid = service.pid
  }
  const floorServer = await startBuilt('the floor', 'bench/floor/bin/server.js', {
    DB_POOL_MAX: String(poolSize),
  })
  const floorUrl = floorServer.url
  const floorPid = floorServer.pid

  const ceilingTargets: Record<string, CeilingInput> = {}
  const ceiling = fork(new URL('http/ceiling.ts', import.meta.url).pathname, [], {
    cwd: rootPath,
    execArgv: ['--import=@poppinss/ts-exec'],
    env: {
      PATH: serviceEnv.PATH,
      HOME: serviceEnv.HOME,
      TZ: 'UTC',
      CEILING_CONFIG: JSON.stringify({
        database,
        poolSize,
        targets: await (async () => {
          // The sign-in page's ceiling sends the page's own bytes, with no query behind them.
          const signIn = await fetch(`${baseUrl}/sign-in`)
          const html = await signIn.text()
          for (const target of selected) {
            ceilingTargets[target.name] =
              target.ceiling.kind === 'static'
                ? { kind: 'static', body: html, contentType: 'text/html' }
                : target.ceiling
          }
          return ceilingTargets
        })(),
      }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  started.push(ceiling)
  const ceilingPort = await new Promise<number>((resolve, reject) => {
    ceiling.once('message', (message: { port: number }) => resolve(message.port))
    ceiling.once('exit', () => reject(new Error('The ceiling server exited')))
  })
  const ceilingUrl = `http://127.0.0.1:${ceilingPort}`
  console.log(`Ceiling (bare node:http + mysql2, pool of ${poolSize}) on ${ceilingUrl}`)

  /* Signing in, through the form, everyone the targets need. */
  const needs = new Set(selected.map((target) => target.as))
  const signedIn = async (email: string) => {
    const browser = new Browser(baseUrl)
    await browser.signIn(email, PASSWORD)
    return browser
  }
  const admin = needs.has('admin') ? await signedIn(ADMIN) : null
  const hr = needs.has('hr') ? await signedIn(HR) : null
  const gapsBrowser = needs.has('learner') ? await signedIn(gapsLearner.email) : null
  const enrolling = selected.some((target) => target.name === 'enrol')
  const learnerSessions: Array<{ cookie: string; csrf: string }> = []
  if (enrolling) {
    for (let i = 0; i < learners.length; i += 4) {
      const batch = await Promise.all(
        learners.slice(i, i + 4).map(async (learner) => {
          const browser = await signedIn(learner.email)
          const csrf = await browser.csrfToken(`/learning/sessions/${sessionIds[0]}/enrol`)
          return { cookie: browser.cookieHeader, csrf }
        })
      )
      learnerSessions.push(...batch)
    }
  }
  const token = needs.has('token') ? await new Browser(baseUrl).apiToken(ADMIN, PASSWORD) : null
  console.log(
    `Signed in: ${[
      admin && ADMIN,
      hr && HR,
      gapsBrowser && `${gapsLearner.email} (gaps, catalogue, course)`,
      enrolling && `${learnerSessions.length} learners (enrol)`,
      token && 'an API token',
    ]
      .filter(Boolean)
      .join(', ')}`
  )

  const headersFor = (account: Account): Record<string, string> => {
    switch (account) {
      case 'guest':
        return {}
      case 'learner':
        return { cookie: gapsBrowser!.cookieHeader }
      case 'hr':
        return { cookie: hr!.cookieHeader }
      case 'admin':
        return { cookie: admin!.cookieHeader }
      case 'token':
        return { authorization: `Bearer ${token}`, accept: 'application/json' }
    }
  }

  /* The next enrolment request, for the service or for the ceiling. */
  let nextPair = 0
  const enrolRequest = (forCeiling: boolean) => (): LoadRequest => {
    const pair = pairs[nextPair++ % pairs.length]
    const learner = learnerSessions[pair.learner]
    const body = `_csrf=${encodeURIComponent(learner.csrf)}`
    return forCeiling
      ? {
          method: 'POST',
          path: `/enrol?session=${pair.session}&user=${learners[pair.learner].id}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }
      : {
          method: 'POST',
          path: `/learning/sessions/${pair.session}/enrolments`,
          headers: {
            'cookie': learner.cookie,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body,
        }
  }

  const requestFor = (target: Target, forCeiling: boolean): LoadRequest | (() => LoadRequest) => {
    if (target.name === 'enrol') return enrolRequest(forCeiling)
    return forCeiling
      ? { method: 'GET', path: `/${target.name}` }
      : { method: target.method, path: target.path, headers: headersFor(target.as) }
  }

  /* The floor's session cookie: one session, read on every request as a signed-in page's is. */
  const floorCookie = await (async () => {
    const response = await fetch(`${floorUrl}/page?rows=0`)
    await response.arrayBuffer()
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .find((pair) => pair.startsWith('floor-session='))
    if (!cookie) throw new Error('The floor gave no session cookie')
    return cookie
  })()

  /* The floor's rows for each target, so its answer is about the size of the target's. */
  const floorRows: Record<string, number> = {}
  const floorPath = (kind: 'form' | 'page' | 'json', rows: number) =>
    kind === 'form'
      ? `/sign-in?rows=${rows}`
      : kind === 'page'
        ? `/page?rows=${rows}`
        : `/api/list?rows=${rows}`
  const floorRequest = (target: Target): LoadRequest => ({
    method: 'GET',
    path: floorPath(target.floor!, floorRows[target.name] ?? 0),
    headers: target.floor === 'page' ? { cookie: floorCookie } : {},
  })
  const bytesOf = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { headers, redirect: 'manual' })
    const body = await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
    return body.byteLength
  }
  const sizeFloor = async (target: Target, bytes: number) => {
    if (!target.floor) return
    const headers: Record<string, string> = target.floor === 'page' ? { cookie: floorCookie } : {}
    const none = await bytesOf(`${floorUrl}${floorPath(target.floor, 0)}`, headers)
    const fifty = await bytesOf(`${floorUrl}${floorPath(target.floor, 50)}`, headers)
    const perRow = (fifty - none) / 50
    floorRows[target.name] = Math.max(0, Math.min(1000, Math.round((bytes - none) / perRow)))
  }
  /* Each answer's size in bytes: the service's, and the floor's made like it. */
  const answerBytes: Record<string, { service: number; floor: number | null }> = {}

  /* Waits until the database has finished what the last run left running (requests cut off at the end). */
  const settle = async () => {
    for (let waited = 0; waited < 300; waited++) {
      const [rows] = await db.rawQuery(
        "select count(*) as running from information_schema.processlist where db = ? and command = 'Query' and id <> connection_id() and time >= 0 and info not like '%information_schema.processlist%'",
        [database.database]
      )
      if (Number(rows[0].running) === 0) return
      await sleep(1000)
    }
  }

  /*
   * The service's queries for a request that was given up on keep running in
   * the database: stop them, so they do not slow down what is measured next.
   */
  const stopStragglers = async (target: Target) => {
    const statement = ceilingStatement(target.ceiling)
    if (!statement) return
    const [rows] = await db.rawQuery(
      "select id from information_schema.processlist where db = ? and command = 'Query' and time >= 5 and info like ?",
      [database.database, `${statement.sql.slice(0, 60).replace(/[\\%_]/g, (c) => `\\${c}`)}%`]
    )
    for (const row of rows as Array<{ id: number }>) {
      await db.rawQuery(`kill query ${Number(row.id)}`).catch(() => {})
    }
  }

  /* Each target answers as it should, once, before any load; how long that takes decides whether to load it. */
  const single: Record<string, { service: number; ceiling: number }> = {}
  for (const target of selected) {
    const times = { service: 0, ceiling: 0 }
    for (const forCeiling of [false, true]) {
      const made = requestFor(target, forCeiling)
      const request = typeof made === 'function' ? made() : made
      const begun = performance.now()
      const side = forCeiling ? 'ceiling' : 'service'
      let response: Response
      let body: string
      try {
        response = await fetch(new URL(request.path, forCeiling ? ceilingUrl : baseUrl), {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(SINGLE_TIMEOUT * 1000),
        })
        body = await response.text()
      } catch (error) {
        if ((error as Error).name !== 'TimeoutError') throw error
        times[side] = Number.POSITIVE_INFINITY
        await stopStragglers(target)
        continue
      }
      times[side] = Math.round(performance.now() - begun)
      const expected = forCeiling ? (target.name === 'enrol' ? 201 : 200) : target.expect
      if (response.status !== expected) {
        throw new Error(
          `${target.name} (${side}) answered ${response.status}, not ${expected}: ${body.slice(0, 300)}`
        )
      }
      if (!forCeiling) {
        await sizeFloor(target, Buffer.byteLength(body))
        answerBytes[target.name] = {
          service: Buffer.byteLength(body),
          floor: target.floor
            ? await bytesOf(`${floorUrl}${floorRequest(target).path}`, floorRequest(target).headers)
            : null,
        }
      }
      if (!forCeiling && target.name === 'enrol') {
        const location = response.headers.get('location')
        if (location !== '/learning/my') throw new Error(`enrol redirected to ${location}`)
      }
    }
    single[target.name] = times
    const took = (ms: number) =>
      Number.isFinite(ms) ? `${figure(ms)} ms` : `over ${SINGLE_TIMEOUT} s (given up)`
    console.log(
      `${target.name.padEnd(18)} one request: service ${took(times.service)}, ceiling ${took(times.ceiling)}`
    )
    await settle()
  }
  if (enrolling) await undoEnrolments()
  nextPair = 0

  console.log(
    `\n${selected.length} targets × connections ${CONNECTIONS.join(', ')}: ${WARMUP} s warm-up, then ${SECONDS} s measured, service then ceiling\n`
  )

  type Row = {
    connections: number
    /* Null when one request took longer than --too-slow: not loaded, see `single`. */
    service: (LoadFigures & CpuFigures) | null
    /* The floor's answer of the same kind, for the targets that have one. */
    floor: (LoadFigures & CpuFigures) | null
    floorRows: number | null
    ceiling: (LoadFigures & CpuFigures) | null
    share: number | null
    shareGoal: number
    shareMet: boolean
    /* The service's requests per second as a share of the floor's. */
    floorShare: number | null
    floorGoal: number | null
    floorMet: boolean | null
    p95Goal: number | null
    p95Met: boolean | null
    enrolmentsMade?: number
    met: boolean
  }
  const results: Array<Target & { single: { service: number; ceiling: number }; rows: Row[] }> = []

  type Side = 'service' | 'floor' | 'ceiling'
  /* The server process each side's CPU time is read from (null when the service was given by --url). */
  const pidOf: Record<Side, number | null> = {
    service: servicePid,
    floor: floorPid,
    ceiling: ceiling.pid ?? null,
  }

  const measure = async (target: Target, connections: number, side: Side) => {
    const forCeiling = side === 'ceiling'
    const options = {
      url: side === 'ceiling' ? ceilingUrl : side === 'floor' ? floorUrl : baseUrl!,
      connections,
      expect: side === 'service' ? target.expect : target.name === 'enrol' ? 201 : 200,
      request: side === 'floor' ? floorRequest(target) : requestFor(target, forCeiling),
    }
    if (WARMUP > 0) await load({ ...options, seconds: WARMUP })
    const before = cpuTicks(pidOf[side])
    const loadBefore = loadavg()[0]
    const figures = await load({ ...options, seconds: SECONDS })
    const after = cpuTicks(pidOf[side])
    const cpu: CpuFigures = {
      cpuMsPerRequest:
        before === null || after === null || figures.served === 0
          ? null
          : Math.round((((after - before) * 1000) / CLOCK_TICKS / figures.served) * 1000) / 1000,
      cpuShare:
        before === null || after === null
          ? null
          : Math.round(((after - before) / CLOCK_TICKS / figures.seconds) * 1000) / 1000,
      loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0] * 100) / 100],
    }
    let made: number | undefined
    if (target.name === 'enrol' && side !== 'floor') {
      made = await undoEnrolments()
      nextPair = 0
    }
    await settle()
    return { figures: { ...figures, ...cpu }, made }
  }

  for (const target of selected) {
    const rows: Row[] = []
    const once = single[target.name]
    const loadService = once.service <= TOO_SLOW * 1000
    const loadCeiling = once.ceiling <= TOO_SLOW * 1000
    for (const connections of CONNECTIONS) {
      // The three one after another, so they meet the same load from the rest of the machine.
      const service = loadService ? await measure(target, connections, 'service') : null
      const floorRun = target.floor ? await measure(target, connections, 'floor') : null
      const ceilingRun = loadCeiling ? await measure(target, connections, 'ceiling') : null
      const s = service?.figures ?? null
      const f = floorRun?.figures ?? null
      const c = ceilingRun?.figures ?? null
      // Not loaded because one request is too slow: nothing is served, so its share is 0.
      const share = s && c ? s.requestsPerSecond / c.requestsPerSecond : s ? null : 0
      const floorShare = f ? (s ? s.requestsPerSecond / f.requestsPerSecond : 0) : null
      const shareGoal = target.kind === 'api' ? 0.65 : 0.5
      const floorGoal = target.floor ? (target.name === 'sign-in' ? 0.85 : 0.6) : null
      const p95Goal = target.dashboard && connections === 16 ? 300 : null
      const p95 = s ? s.p95 : once.service
      const p95Met = p95Goal === null ? null : p95 < p95Goal
      const shareMet = share !== null && share >= shareGoal
      const floorMet = floorGoal === null ? null : floorShare !== null && floorShare >= floorGoal
      const row: Row = {
        connections,
        service: s,
        floor: f,
        floorRows: target.floor ? floorRows[target.name] : null,
        ceiling: c,
        share: share === null ? null : Math.round(share * 1000) / 1000,
        shareGoal,
        shareMet,
        floorShare: floorShare === null ? null : Math.round(floorShare * 1000) / 1000,
        floorGoal,
        floorMet,
        p95Goal,
        p95Met,
        enrolmentsMade: service?.made,
        // Beside the floor, its goal decides; without one, the ceiling's.
        met: (floorMet ?? shareMet) && p95Met !== false && s !== null && s.errors === 0,
      }
      rows.push(row)
      const cpuOf = (figures: (LoadFigures & CpuFigures) | null) =>
        figures?.cpuMsPerRequest === null || figures?.cpuMsPerRequest === undefined
          ? ''
          : `, ${figure(figures.cpuMsPerRequest, 2)} ms CPU`
      const describe = (figures: (LoadFigures & CpuFigures) | null, alone: number) =>
        figures
          ? `${figure(figures.requestsPerSecond, 1).padStart(7)} req/s${cpuOf(figures)}  p50/p95/p99 ${figure(figures.p50, 1)}/${figure(figures.p95, 1)}/${figure(figures.p99, 1)} ms${figures.errors ? `, ${figures.errors} errors ${JSON.stringify(figures.otherStatuses)}` : ''}`
          : `not loaded (one request took ${Number.isFinite(alone) ? `${figure(alone / 1000, 1)} s` : `over ${SINGLE_TIMEOUT} s`})`
      console.log(
        `${target.name.padEnd(18)} ${String(connections).padStart(3)} conn  service ${describe(s, once.service)}` +
          (f ? `  | floor ${describe(f, 0)}` : '') +
          `  | ceiling ${describe(c, once.ceiling)}` +
          (floorShare === null ? '' : `  | ${figure(floorShare * 100, 1)}% of floor`) +
          `  | ${share === null ? 'no share' : `${figure(share * 100, 1)}% of ceiling`}${service?.made === undefined ? '' : `, ${service.made} enrolments made`}` +
          `  | load ${s?.loadAverage?.[0] ?? '–'}`
      )
      if (!row.met) exitCode = 1
    }
    results.push({ ...target, single: once, rows })
  }

  /* ------------------------------------------------------------------ the table and the file */

  const header =
    '| Target | Conn. | req/s | CPU ms/req | p50 / p95 / p99 (ms) | Floor req/s | Floor CPU ms/req | % of floor | Floor goal | Ceiling req/s | % of ceiling | Load avg. | Met |'
  const lines = [
    header,
    '| --- | --: | --: | --: | --: | --: | --: | --: | --- | --: | --: | --: | --- |',
  ]
  const latencies = (f: LoadFigures | null, alone: number) =>
    f
      ? `${figure(f.p50, 1)} / ${figure(f.p95, 1)} / ${figure(f.p99, 1)}`
      : `one request: ${Number.isFinite(alone) ? figure(alone) : `over ${SINGLE_TIMEOUT * 1000}`}`
  const rate = (f: LoadFigures | null) => (f ? figure(f.requestsPerSecond, 1) : 'not loaded')
  const cpuMs = (f: CpuFigures | null) =>
    f?.cpuMsPerRequest === null || f?.cpuMsPerRequest === undefined
      ? '–'
      : figure(f.cpuMsPerRequest, 2)
  const percent = (value: number | null) => (value === null ? '–' : `${figure(value * 100, 1)}%`)
  for (const target of results) {
    for (const row of target.rows) {
      const goal = [
        row.floorGoal === null ? null : `≥ ${row.floorGoal * 100}%`,
        row.p95Goal === null ? null : `p95 < ${row.p95Goal} ms`,
      ]
        .filter(Boolean)
        .join(', ')
      lines.push(
        `| ${target.name} | ${row.connections} | ${rate(row.service)} | ${cpuMs(row.service)} | ${latencies(row.service, target.single.service)} | ${row.floor ? rate(row.floor) : '–'} | ${cpuMs(row.floor)} | ${percent(row.floorShare)} | ${goal || `ceiling ≥ ${row.shareGoal * 100}%`} | ${rate(row.ceiling)} | ${percent(row.share)} | ${row.service?.loadAverage.join(' → ') ?? '–'} | ${row.met ? 'yes' : 'no'} |`
      )
    }
  }
  console.log(`\n${lines.join('\n')}\n`)

  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    database: databaseVersion,
  }
  const date = new Date().toISOString().slice(0, 10)
  const file = new URL(
    `results/${date}${ONLY ? `-${selected.map((target) => target.name).join('+')}` : ''}.json`,
    import.meta.url
  )
  mkdirSync(new URL('results/', import.meta.url), { recursive: true })
  writeFileSync(
    file,
    JSON.stringify(
      {
        takenAt: new Date().toISOString(),
        command: `npm run bench:http${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
        machine: {
          ...machine,
          loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100),
        },
        settings: {
          connections: CONNECTIONS,
          seconds: SECONDS,
          warmupSeconds: WARMUP,
          tooSlowSeconds: TOO_SLOW,
          poolSize,
          service: REUSE_URL
            ? `already running at ${REUSE_URL}`
            : 'node ace build (tmp/bench-build), NODE_ENV=production node bin/server.js; LOG_LEVEL=warn, LIMITER_STORE=memory, QUEUE_INLINE_WORKER=false, SESSION_DRIVER=database',
          floor:
            'bench/floor from the same build, NODE_ENV=production: session (database store), shield CSRF + CSP nonce, Edge layout, one query; /api/ without session or shield',
          ceiling: 'node:http + mysql2 pool, rows as JSON',
        },
        dataset: { name: dataset.name, rows: sizes },
        accounts: {
          admin: ADMIN,
          hr: HR,
          department: department.code,
          learner: gapsLearner.email,
          enrollingLearners: learners.length,
          enrolmentSessions: sessionIds.length,
        },
        targets: results.map((target) => ({
          name: target.name,
          what: target.what,
          kind: target.kind,
          dashboard: target.dashboard,
          method: target.method,
          path: target.path,
          ceiling: target.ceiling.kind,
          oneRequestMs: target.single,
          answerBytes: answerBytes[target.name],
          rows: target.rows,
        })),
      },
      null,
      2
    ) + '\n'
  )
  console.log(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, ${machine.database}`
  )
  console.log(`Written to ${file.pathname.replace(rootPath, '')}`)
  console.log(
    exitCode === 0 ? 'Every target met.' : 'Some targets were missed (the "Met" column says which).'
  )
} catch (error) {
  exitCode = 1
  keepWork = true
  console.error(error instanceof Error ? error.message : error)
  console.error(`The service's log is kept in ${work}`)
} finally {
  await stopAll()
  await app.terminate()
}
process.exit(exitCode)
