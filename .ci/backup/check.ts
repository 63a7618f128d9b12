/*
 * The backup check's work inside the application (.ci/backup.sh), booted
 * as a console process against the database its environment names:
 *
 *   check.ts seed <fixture.json>                       learners and sessions to enrol on
 *   check.ts load <fixture.json> <log> <stop-file>     enrols them one after another until stopped
 *   check.ts verify <fixture.json> <log> <from> <to>   the restored copy against its source
 *
 * `load` enrols through the service's own code (the enrol action, its seat
 * lock and waiting list) and writes a line per enrolment: when it committed
 * and its id. It only adds rows, one transaction at a time, so the source
 * as it was when the backup was taken is its rows up to the last id the
 * copy holds, table by table.
 *
 * `verify` runs against the restored copy (DB_* or SQLITE_FILENAME) and
 * reads the source through BACKUP_SOURCE (a SQLite file or a MySQL
 * database on the same server). It prints PASS or FAIL lines and exits 1
 * on a failure: same rows and checksums as the source at the backup point,
 * no enrolment without its audit event or the other way round, a copy
 * taken while enrolments were being written, the seat and waiting-list
 * invariants (docs/adr/0003-seat-allocation.md), and the service's own
 * queries and one more enrolment working on the copy.
 */
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import knex, { type Knex } from 'knex'

const [mode, fixturePath, ...rest] = process.argv.slice(2)
if (!['seed', 'load', 'verify'].includes(mode) || !fixturePath) {
  console.error('Usage: check.ts seed|load|verify <fixture.json> …')
  process.exit(2)
}

/* The tables compared between the copy and its source. */
const KEY_TABLES = [
  'organisations',
  'users',
  'providers',
  'courses',
  'course_sessions',
  'enrolments',
  'skill_assessments',
  'audit_events',
]
/* The tables the load adds to while the backup runs. */
const GROWING = new Set(['enrolments', 'audit_events'])

type Fixture = { learners: number[]; sessions: number[] }

const { ignitor } = await import('../../bin/ignitor.js')
const app = ignitor().createApp('console')
await app.init()
await app.boot()
await app.start(async () => {})

let failures = 0
let failed = false
try {
  if (mode === 'seed') await seed(Number(process.env.BACKUP_LEARNERS ?? 300))
  else if (mode === 'load') await load(rest[0], rest[1])
  else failed = !(await verify(rest[0], Number(rest[1]), Number(rest[2])))
} finally {
  await app.terminate()
}
process.exit(failed ? 1 : 0)

async function seed(learnerCount: number) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: Organisation } = await import('#models/organisation')
  const { createCourse, createSession } = await import('#database/factories/learning_factory')

  const organisation = await Organisation.create({
    code: 'backup',
    name: 'Backup Check Department',
    type: 'ministerial_department',
    parentId: null,
    path: '/',
    depth: 0,
    isTransactional: false,
  })
  // One course per session: a person holds one place per course. Small sessions fill,
  // so the load builds waiting lists too.
  const sessions: number[] = []
  for (const capacity of [5, 10, 20, 40, 80, 150]) {
    const course = await createCourse({ title: `Backup Check Course (${capacity} seats)` })
    const session = await createSession({ course, capacity })
    sessions.push(session.id)
  }
  // Written as SQL text: better-sqlite3 would store a Date as a number.
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
  const rows = Array.from({ length: learnerCount }, (_, index) => ({
    full_name: `Learner ${index + 1}`,
    email: `learner${String(index + 1).padStart(4, '0')}@backup.test`,
    // No one signs in during the check: a value no password matches.
    password: '!',
    organisation_id: organisation.id,
    grade: 'HEO',
    profession: 'digital',
    created_at: now,
    updated_at: now,
  }))
  for (let index = 0; index < rows.length; index += 200) {
    await db.table('users').multiInsert(rows.slice(index, index + 200))
  }
  const learners = await db
    .from('users')
    .where('organisation_id', organisation.id)
    .orderBy('id')
    .select('id')
  const roles = learners.map((row) => ({ user_id: row.id, role: 'learner', created_at: now }))
  for (let index = 0; index < roles.length; index += 200) {
    await db.table('user_roles').multiInsert(roles.slice(index, index + 200))
  }
  const fixture: Fixture = { learners: learners.map((row) => Number(row.id)), sessions }
  writeFileSync(fixturePath, JSON.stringify(fixture))
  console.log(`Seeded ${learners.length} learners and ${sessions.length} sessions.`)
}

async function load(logPath: string, stopPath: string) {
  const { default: User } = await import('#models/user')
  const { enrol } = await import('#actions/learning/enrol')
  const fixture: Fixture = JSON.parse(readFileSync(fixturePath, 'utf8'))
  writeFileSync(logPath, '')
  let made = 0
  for (const learnerId of fixture.learners) {
    const learner = await User.findOrFail(learnerId)
    for (const sessionId of fixture.sessions) {
      if (existsSync(stopPath)) {
        console.log(`The load stopped after ${made} enrolments.`)
        // The last enrolment's e-mail goes out after its commit: let it finish before shutting down.
        await new Promise((done) => setTimeout(done, 500))
        return
      }
      const result = await enrol(learner, sessionId)
      if (result.type !== 'booked' && result.type !== 'waitlisted') {
        throw new Error(`Enrolling learner ${learnerId} on ${sessionId} answered ${result.type}`)
      }
      made++
      appendFileSync(logPath, `${Date.now()} ${result.enrolment.id} ${result.type}\n`)
    }
  }
  console.log(`The load ran out of learners after ${made} enrolments.`)
}

// ---------------------------------------------------------------- verify

function verdict(ok: boolean, message: string) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${message}`)
  if (!ok) failures++
}

/* A connection of its own to the source, or to the copy, outside the application. */
function connect(which: 'source' | 'copy'): Knex {
  const source = process.env.BACKUP_SOURCE ?? ''
  if (process.env.DB_CONNECTION === 'mysql') {
    return knex({
      client: 'mysql2',
      connection: {
        host: process.env.DB_HOST,
        port: Number(process.env.DB_PORT),
        user: process.env.DB_USER,
        password: process.env.DB_PASSWORD,
        database: which === 'source' ? source : process.env.DB_DATABASE,
        timezone: 'Z',
      },
      pool: { min: 0, max: 1 },
    })
  }
  return knex({
    client: 'better-sqlite3',
    connection: { filename: which === 'source' ? source : process.env.SQLITE_FILENAME! },
    useNullAsDefault: true,
    pool: { min: 0, max: 1 },
  })
}

/* How many rows and a SHA-256 of every column of every row, in id order. */
async function summary(client: Knex, table: string, upToId: number | null) {
  const query = client.from(table).orderBy('id')
  if (upToId !== null) query.where('id', '<=', upToId)
  const rows = await query.select('*')
  const hash = createHash('sha256')
  for (const row of rows) {
    hash.update(
      JSON.stringify(row, (_key, value) =>
        value instanceof Date
          ? value.toISOString()
          : value?.type === 'Buffer'
            ? Buffer.from(value.data).toString('hex')
            : value
      )
    )
    hash.update('\n')
  }
  const lastId = rows.length > 0 ? Number(rows[rows.length - 1].id) : 0
  return { rows: rows.length, checksum: hash.digest('hex').slice(0, 16), lastId }
}

async function verify(logPath: string, backupStarted: number, backupEnded: number) {
  const fixture: Fixture = JSON.parse(readFileSync(fixturePath, 'utf8'))
  const source = connect('source')
  const copy = connect('copy')
  try {
    // 1. The copy is the source as it was at one moment: every table up to the copy's last row.
    const lastIds = new Map<string, number>()
    for (const table of KEY_TABLES) {
      const restored = await summary(copy, table, null)
      const original = await summary(source, table, restored.lastId)
      const whole = await summary(source, table, null)
      const later = whole.rows - original.rows
      lastIds.set(table, restored.lastId)
      const same = restored.rows === original.rows && restored.checksum === original.checksum
      const complete = GROWING.has(table) || later === 0
      verdict(
        same && complete,
        `${table}: ${restored.rows} rows, checksum ${restored.checksum}; the source at the backup point ${original.rows} rows, ${original.checksum}${GROWING.has(table) ? ` (and ${later} written after)` : later > 0 ? `, but ${later} rows of it are missing` : ''}`
      )
    }

    // 2. No transaction cut in two: each enrolment came with its audit event.
    const enrolmentRows = await copy.from('enrolments').select('id')
    const enrolmentIds = enrolmentRows.map((row) => String(row.id))
    const auditRows = await copy
      .from('audit_events')
      .where('subject_type', 'enrolment')
      .select('subject_id')
    const audited = auditRows.map((row) => String(row.subject_id))
    const withoutAudit = enrolmentIds.filter((id) => !audited.includes(id))
    const withoutEnrolment = audited.filter((id) => !enrolmentIds.includes(id))
    verdict(
      withoutAudit.length === 0 && withoutEnrolment.length === 0,
      `every enrolment in the copy has its audit event and every enrolment audit event its enrolment (${withoutAudit.length} and ${withoutEnrolment.length} missing)`
    )

    // 3. Taken under load: enrolments were committed before, during and after the backup.
    const committed = readFileSync(logPath, 'utf8')
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split(' ').map(Number))
    const before = committed.filter(([at]) => at < backupStarted).length
    const during = committed.filter(([at]) => at >= backupStarted && at <= backupEnded).length
    const after = committed.length - before - during
    const inCopy = enrolmentIds.length
    verdict(
      before > 0 && during > 0 && after > 0 && inCopy >= before && inCopy <= before + during,
      `the backup ran under load: ${before} enrolments before it, ${during} while it ran (${backupEnded - backupStarted} ms), ${after} after; the copy holds ${inCopy}`
    )
  } finally {
    await source.destroy()
    await copy.destroy()
  }

  // 4. The service on the copy: its queries, its seat rules, one more enrolment.
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: User } = await import('#models/user')
  const { enrol } = await import('#actions/learning/enrol')
  const { sessionWithCounts } = await import('#queries/learning/catalogue_query')
  const invariants = async (when: string) => {
    const faults: string[] = []
    for (const sessionId of fixture.sessions) {
      const counted = await sessionWithCounts(sessionId)
      if (!counted) {
        faults.push(`session ${sessionId} is missing`)
        continue
      }
      const capacity = Number(counted.session.capacity)
      const waitingRows = await db
        .from('enrolments')
        .where('session_id', sessionId)
        .where('status', 'waitlisted')
        .orderBy('waitlist_position')
        .select('waitlist_position')
      const positions = waitingRows.map((row) => Number(row.waitlist_position))
      const booked = await db
        .from('enrolments')
        .where('session_id', sessionId)
        .where('status', 'booked')
        .count('* as total')
        .first()
      const seats = Number(booked.total)
      if (seats !== counted.booked || positions.length !== counted.waitlisted) {
        faults.push(
          `session ${sessionId}: the service counts ${counted.booked} booked and ${counted.waitlisted} waiting, the table ${seats} and ${positions.length}`
        )
      }
      if (seats > capacity)
        faults.push(`session ${sessionId}: ${seats} booked for ${capacity} seats`)
      if (positions.length > 0 && seats < capacity) {
        faults.push(
          `session ${sessionId}: ${positions.length} waiting with ${capacity - seats} seats free`
        )
      }
      if (positions.some((position, index) => position !== index + 1)) {
        faults.push(`session ${sessionId}: waiting-list positions ${positions.join(',')}`)
      }
    }
    verdict(
      faults.length === 0,
      `${when}: no session over capacity, a waiting list only when full, positions 1..n (${faults.join('; ') || `${fixture.sessions.length} sessions`})`
    )
  }
  await invariants('the restored copy')

  // The smallest session is full: a learner not on it joins the end of its waiting list.
  const full = fixture.sessions[0]
  const onItRows = await db.from('enrolments').where('session_id', full).select('user_id')
  const onIt = new Set(onItRows.map((row) => Number(row.user_id)))
  const newcomer = fixture.learners.find((id) => !onIt.has(id))
  const fullSession = await sessionWithCounts(full)
  const waiting = fullSession?.waitlisted ?? 0
  if (newcomer === undefined) {
    verdict(false, 'a learner not yet on the first session is left to enrol on the copy')
  } else {
    const result = await enrol(await User.findOrFail(newcomer), full)
    const position = result.type === 'waitlisted' ? result.enrolment.waitlistPosition : null
    verdict(
      result.type === 'waitlisted' && position === waiting + 1,
      `the service enrols on the copy: a learner joins the full session's waiting list at ${position} (expected ${waiting + 1}), answered ${result.type}`
    )
  }
  await invariants('after one more enrolment')
  return failures === 0
}
