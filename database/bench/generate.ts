import { performance } from 'node:perf_hooks'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { readOrganisationSeed } from '#database/seeders/main_seeder'
import { upsertOrganisationTree } from '#services/organisation_tree'
import { seedFramework } from '#actions/framework/seed_framework'
import { seedExemplars } from '#database/demo/services'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { Random } from '#database/bench/random'
import { DAY, Loader, rate, type Log } from '#database/bench/loader'
import {
  addOrganisations,
  apportionHeadcount,
  readOrganisations,
} from '#database/bench/organisations'
import { readFramework } from '#database/bench/framework'
import { BENCH_PASSWORD, insertPeople, nameAccounts, planPeople } from '#database/bench/people'
import { insertCatalogue, insertSessionsAndEnrolments } from '#database/bench/learning'
import { insertCapability } from '#database/bench/capability'
import { insertWorkforce, planLeadership } from '#database/bench/workforce'
import { insertFastStream } from '#database/bench/fast_stream'
import { refreshStandings } from '#actions/capability/refresh_standings'

/*
 * Whole-civil-service benchmark data: the reference organisations and
 * framework (as the main seeder loads them), then organisations, people,
 * learning, capability, workforce and Fast Stream rows generated from a
 * seed. The same sizes, seed and day give the same rows.
 */

export type BenchSizes = {
  people: number
  organisations: number
  courses: number
  enrolments: number
  entrants: number
  placements: number
  /* At least this many services (more are added in the largest transactional organisations). */
  services: number
  /* Months of service performance figures for every service, up to last month. */
  performanceMonths: number
  seed: number
}

const MAX_ORGANISATIONS = 5000

/* What is wrong with the sizes asked for, in words; empty when they can be generated. */
export function checkSizes(sizes: BenchSizes): string[] {
  const problems: string[] = []
  for (const [name, value] of Object.entries(sizes)) {
    if (!Number.isSafeInteger(value) || value < 0)
      problems.push(`--${name} must be a whole number of 0 or more`)
  }
  if (problems.length) return problems
  const reference = readOrganisationSeed().length
  if (sizes.organisations < reference || sizes.organisations > MAX_ORGANISATIONS)
    problems.push(
      `--organisations must be from ${reference} (the reference tree) to ${MAX_ORGANISATIONS}`
    )
  if (sizes.people < 2 * sizes.organisations)
    problems.push(
      '--people must be at least twice --organisations, so every organisation has people'
    )
  if (sizes.courses < 2) problems.push('--courses must be at least 2')
  if (sizes.services > sizes.people / 10)
    problems.push('--services must be at most a tenth of --people')
  if (sizes.performanceMonths > 240)
    problems.push('--performance-months must be at most 240 (20 years)')
  if (sizes.entrants > sizes.people / 10)
    problems.push('--entrants must be at most a tenth of --people')
  if (sizes.entrants > 0 && sizes.placements < 1)
    problems.push('--placements must be at least 1 when there are entrants')
  return problems
}

export type BenchSummary = {
  tables: { table: string; rows: number; seconds: number }[]
  rows: number
  seconds: number
  statuses: Record<string, number>
}

const format = (value: number) => value.toLocaleString('en-GB')

async function timed<T>(log: Log, label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await work()
  log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`)
  return result
}

/*
 * Generates the data into the configured database, which must hold no
 * people (the command empties it first when asked). `now` anchors every
 * date: by default the start of the current day (UTC).
 */
export async function generateBenchData(
  sizes: BenchSizes,
  options: { now?: number; log?: Log } = {}
): Promise<BenchSummary> {
  const log = options.log ?? (() => {})
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY
  const started = performance.now()
  const root = new Random(sizes.seed)

  await timed(
    log,
    'Reference data: organisation tree, framework and exemplar services',
    async () => {
      await db.transaction((trx) => upsertOrganisationTree(readOrganisationSeed(), trx))
      await seedFramework(db.connection())
      await seedExemplars(db.connection())
    }
  )
  const passwordHash = await hash.make(BENCH_PASSWORD)

  const loader = new Loader(db.connection().dialect.name, log)
  await loader.begin()
  let statuses: Record<string, number> = {}
  try {
    const organisations = await readOrganisations(loader)
    await timed(log, `Organisations: ${format(sizes.organisations)}`, () =>
      addOrganisations(loader, root.fork('organisations'), organisations, sizes.organisations, now)
    )
    apportionHeadcount(organisations, sizes.people)
    const framework = await readFramework(loader)

    const people = planPeople(organisations, sizes.people, root.fork('people'))
    nameAccounts(people, root.fork('accounts'))
    const leadership = planLeadership(people, root.fork('leadership'), sizes.services)
    await timed(log, `People: ${format(sizes.people)}, with teams and roles`, () =>
      insertPeople(loader, people, root.fork('people rows'), { now, passwordHash })
    )

    const catalogue = await timed(log, `Catalogue: ${format(sizes.courses)} courses`, () =>
      insertCatalogue(loader, root.fork('catalogue'), framework, people, {
        courses: sizes.courses,
        now,
      })
    )
    await timed(log, 'Capability: role levels, assessments, plan items', () =>
      insertCapability(loader, root.fork('capability'), framework, people, catalogue, now)
    )
    const learning = await timed(
      log,
      `Learning: sessions, ${format(sizes.enrolments)} enrolments, records and claims`,
      () =>
        insertSessionsAndEnrolments(loader, root.fork('learning'), people, catalogue, {
          enrolments: sizes.enrolments,
          now,
          serviceManagers: leadership.serviceManagers,
          digitalLeaders: [...leadership.digitalLeaders.values()],
        })
    )
    statuses = learning.statuses
    log(
      `  enrolments by state: ${Object.entries(learning.statuses)
        .map(([status, count]) => `${status.replace('_', ' ')} ${format(count)}`)
        .join(', ')}`
    )
    await timed(
      log,
      `Workforce: ${format(leadership.services.length)} services with ${format(sizes.performanceMonths)} months of figures, Digital Leaders, plans, campaigns, gaps`,
      () =>
        insertWorkforce(
          loader,
          root.fork('workforce'),
          framework,
          people,
          leadership,
          now,
          sizes.performanceMonths
        )
    )
    if (sizes.entrants > 0) {
      const fastStream = await timed(
        log,
        `Fast Stream: ${format(sizes.entrants)} entrants, ${format(sizes.placements)} placements in each of two rounds`,
        () =>
          insertFastStream(loader, root.fork('fast stream'), framework, people, {
            entrants: sizes.entrants,
            placements: sizes.placements,
            now,
          })
      )
      log(
        `  published round: ${format(fastStream.matched)} of ${format(fastStream.submitted)} entrants with a shortlist matched`
      )
    }
    await loader.end()
  } catch (error) {
    await loader.abort()
    throw error
  }
  await timed(log, 'Capability standings of every person (what the dashboards count)', () =>
    refreshStandings('everyone')
  )

  const seconds = (performance.now() - started) / 1000
  const tables = loader.reports().sort((a, b) => b.rows - a.rows)
  const rows = tables.reduce((sum, table) => sum + table.rows, 0)
  await recordAudit({
    action: AuditActions.Create,
    subjectType: 'bench_data',
    subjectLabel: 'Benchmark data',
    actorId: null,
    after: { ...sizes, rows, seconds: Math.round(seconds) },
  })
  log('Rows written, by table (insert time only):')
  for (const table of tables) {
    log(
      `  ${table.table.padEnd(24)} ${format(table.rows).padStart(11)} rows  ${table.seconds.toFixed(1).padStart(6)} s  ${rate(table.rows, table.seconds).padStart(9)} rows/s`
    )
  }
  log(
    `Total: ${format(rows)} rows in ${seconds.toFixed(1)} s (${rate(rows, seconds)} rows/s overall, reference data included in the time)`
  )
  return { tables, rows, seconds, statuses }
}
