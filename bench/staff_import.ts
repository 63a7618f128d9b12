/*
 * Staff import benchmark: times reading, checking and applying a CSV of
 * people, on a database of its own (SQLite by default; DB_CONNECTION=mysql
 * with DB_DATABASE naming an empty database for MySQL). Three runs: a first
 * import of everyone, the same people with one in ten changed, and the same
 * file again (nothing to do).
 *
 *   npm run bench:import                          # 100,000 people on SQLite
 *   npm run bench:import -- --rows 20000
 *   DB_CONNECTION=mysql DB_HOST=127.0.0.1 DB_PORT=3306 DB_USER=… DB_PASSWORD=… \
 *     DB_DATABASE=dcs_bench npm run bench:import
 *
 * It empties and migrates its database first, and never touches tmp/db.sqlite3.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { performance } from 'node:perf_hooks'

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : Number(process.argv[index + 1])
}
const ROWS = argument('rows', 100_000)

process.env.NODE_ENV = 'development'
process.env.LOG_LEVEL = 'warn'
process.env.QUEUE_INLINE_WORKER = 'false'
if ((process.env.DB_CONNECTION ?? 'sqlite') === 'sqlite') {
  process.env.SQLITE_FILENAME = process.env.SQLITE_FILENAME ?? 'tmp/bench-import.sqlite3'
} else if (!process.env.DB_DATABASE) {
  console.error('Set DB_DATABASE to an empty database the benchmark may wipe')
  process.exit(2)
}

const root = new URL('../', import.meta.url)
const ace = (...args: string[]) =>
  execFileSync(process.execPath, ['ace.js', ...args], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })

console.log(
  `Preparing the ${process.env.DB_CONNECTION ?? 'sqlite'} database: migrations and reference data`
)
ace('migration:fresh', '--force')
ace('db:seed', '--files', 'database/seeders/main_seeder.ts')

const { ignitor } = await import('../bin/ignitor.js')
const app = ignitor().createApp('console')
await app.init()
await app.boot()
await app.start(async () => {})

const { default: db } = await import('@adonisjs/lucid/services/db')
const { default: User } = await import('#models/user')
const { default: UserRole } = await import('#models/user_role')
const { stageStaffFile } = await import('#actions/identity/staff_import/stage')
const { checkStaffImport } = await import('#actions/identity/staff_import/check')
const { applyStaffImport } = await import('#actions/identity/staff_import/apply')
const { gradeValues } = await import('#enums/grades')
const { professionValues } = await import('#enums/professions')

// The importer: HR of HMRC, whose tree holds the department and its agencies.
const hmrc = await db.from('organisations').where('code', 'hmrc').firstOrFail()
const orgRows = await db
  .from('organisations')
  .where('id', hmrc.id)
  .orWhere('path', 'like', `${hmrc.path}${hmrc.id}/%`)
  .select('code')
const codes = orgRows.map((row) => String(row.code))
const levelRows = await db.from('role_levels').select('name')
const levels = levelRows.map((row) => String(row.name))
const hr = await User.create({
  fullName: 'Bench HR',
  email: 'bench.hr@hmrc.example',
  password: 'bench-password',
  organisationId: hmrc.id,
})
await UserRole.create({ userId: hr.id, role: 'department_hr' })
await hr.load('roles')

// A deterministic file: person i reports to person ⌊i/8⌋, so managers come first.
let seed = 42
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  return seed / 2_147_483_648
}
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]
const people = Array.from({ length: ROWS }, (_, i) => ({
  email: `person${i}@hmrc.example`,
  name: `Person ${i}`,
  code: pick(codes),
  grade: pick(gradeValues),
  profession: pick(professionValues),
  level: pick(levels),
  manager: i === 0 ? '' : `person${Math.floor(i / 8)}@hmrc.example`,
}))
const write = (name: string, changeEvery = 0) => {
  const lines = ['email,name,organisation code,grade,profession,role level,line manager email']
  people.forEach((person, i) => {
    const grade =
      changeEvery && i % changeEvery === 0 ? (person.grade === 'EO' ? 'HEO' : 'EO') : person.grade
    lines.push(
      [
        person.email,
        person.name,
        person.code,
        grade,
        person.profession,
        `"${person.level}"`,
        person.manager,
      ].join(',')
    )
  })
  mkdirSync(new URL('tmp/', root), { recursive: true })
  const path = new URL(`tmp/${name}`, root).pathname
  writeFileSync(path, lines.join('\n') + '\n')
  return path
}

const seconds = (ms: number) => (ms / 1000).toFixed(2)
async function run(label: string, file: string) {
  const started = performance.now()
  const staged = await stageStaffFile(file, 'people.csv', hr)
  if (staged.type !== 'staged') throw new Error(staged.message)
  const read = performance.now()
  await checkStaffImport(staged.staffImport)
  const checked = performance.now()
  await applyStaffImport(staged.staffImport, hr)
  const applied = performance.now()
  const result = staged.staffImport
  const total = applied - started
  console.log(
    `${label.padEnd(34)} read ${seconds(read - started).padStart(6)} s  check ${seconds(checked - read).padStart(6)} s  apply ${seconds(applied - checked).padStart(6)} s  total ${seconds(total).padStart(6)} s  ` +
      `(${Math.round((ROWS / total) * 1000).toLocaleString('en-GB')} rows/s; new ${result.newRows}, changed ${result.changedRows}, unchanged ${result.unchangedRows}, bad ${result.badRows})`
  )
  return total
}

console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB; Node ${process.version}; ${process.env.DB_CONNECTION ?? 'sqlite'}`
)
console.log(`Staff import of ${ROWS.toLocaleString('en-GB')} people`)
const first = await run('1. everyone new', write('bench-people.csv'))
const second = await run('2. one in ten changed (grade)', write('bench-people-changed.csv', 10))
const third = await run('3. same file again (unchanged)', write('bench-people-changed.csv', 10))
const count = await db.from('users').count('* as total')
console.log(`People recorded: ${Number(count[0].total).toLocaleString('en-GB')}`)
const slowest = Math.max(first, second, third)
console.log(
  `Slowest run: ${seconds(slowest)} s — target under 60 s: ${slowest < 60_000 ? 'met' : 'NOT met'}`
)
await app.terminate()
