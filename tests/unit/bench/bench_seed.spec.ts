import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import BenchSeed from '../../../commands/bench_seed.js'
import { generateBenchData, type BenchSizes } from '#database/bench/generate'
import { emptyDataTables } from '#database/bench/loader'
import { gradeValues, type Grade } from '#enums/grades'
import { EnrolmentStatuses } from '#enums/learning'
import { isoDateFromSql } from '#domain/shared/uk_time'
import { figureProblems } from '#domain/workforce/service_performance'
import { figuresFromRow } from '#models/service_performance_report'
import workforceConfig from '#config/workforce'

/* A small civil service: big enough for every state, quick enough for the suite. */
const TINY: BenchSizes = {
  people: 2000,
  organisations: 466,
  courses: 50,
  enrolments: 5000,
  entrants: 100,
  placements: 40,
  services: 150,
  performanceMonths: 6,
  seed: 2013,
}
const NOW = Date.UTC(2026, 4, 12)

const count = async (table: string) => {
  const row = await db.from(table).count('* as total').first()
  return Number(row.total)
}

/* A fingerprint of the rows that show who everyone is, what they enrolled on and where Fast Stream entrants went. */
async function digest() {
  const hash = createHash('sha256')
  const tables: [string, string[]][] = [
    [
      'users',
      ['id', 'email', 'organisation_id', 'team_id', 'grade', 'profession', 'line_manager_id'],
    ],
    ['enrolments', ['id', 'session_id', 'user_id', 'status', 'waitlist_position']],
    ['course_sessions', ['id', 'course_id', 'capacity', 'starts_at']],
    ['role_assignments', ['id', 'user_id', 'role_level_id', 'status']],
    ['placement_matches', ['id', 'entrant_id', 'placement_id', 'choice']],
  ]
  for (const [table, columns] of tables) {
    const rows = await db.from(table).orderBy('id').select(columns)
    for (const row of rows)
      hash.update(JSON.stringify(columns.map((column) => String(row[column]))))
  }
  return hash.digest('hex')
}

async function generate(sizes: BenchSizes) {
  await emptyDataTables()
  return generateBenchData(sizes, { now: NOW })
}

/*
 * One generated civil service for the group, made in setup: the tests
 * only read it, or make it again from a seed and compare. The tables are
 * emptied afterwards so the migrations can be rolled back.
 */
test.group('Benchmark data', (group) => {
  let summary: Awaited<ReturnType<typeof generateBenchData>>
  let seeded: string
  group.setup(async () => {
    summary = await generate(TINY)
    seeded = await digest()
    return () => emptyDataTables()
  })
  group.each.timeout(60_000)

  test('fills every table at the sizes asked, with enrolments in every state and seats within capacity', async ({
    assert,
  }) => {
    assert.equal(await count('users'), TINY.people)
    assert.equal(await count('organisations'), TINY.organisations)
    assert.equal(await count('courses'), TINY.courses)
    assert.equal(await count('enrolments'), TINY.enrolments)
    assert.equal(await count('fast_stream_entrants'), TINY.entrants)
    assert.equal(await count('placements'), 2 * TINY.placements)
    assert.equal(await count('placement_rounds'), 2)
    assert.isAtLeast(await count('user_roles'), TINY.people)
    assert.isAtLeast(await count('role_assignments'), TINY.people)
    for (const table of [
      'teams',
      'providers',
      'provider_admins',
      'course_outcomes',
      'course_audiences',
      'course_sessions',
      'learning_records',
      'skill_claims',
      'skill_assessments',
      'development_plan_items',
      'capability_plans',
      'plan_lines',
      'recruitment_campaigns',
      'capability_gaps',
      'services',
      'fast_stream_schemes',
      'fast_stream_cohorts',
      'fast_stream_postings',
      'placement_skills',
      'placement_shortlists',
      'placement_preferences',
      'placement_rankings',
      'placement_matches',
    ]) {
      assert.isAbove(await count(table), 0, `${table} has rows`)
    }
    // The reported row counts are the rows in the tables.
    for (const report of summary.tables) {
      if (['organisations', 'services'].includes(report.table)) continue
      assert.equal(await count(report.table), report.rows, `${report.table} as reported`)
    }

    const states = await db
      .from('enrolments')
      .groupBy('status')
      .select('status')
      .count('* as total')
    assert.sameMembers(
      states.map((row) => row.status),
      Object.values(EnrolmentStatuses)
    )
    const completed = await db.from('enrolments').where('status', 'completed').count('* as total')
    const records = await db
      .from('learning_records')
      .whereNotNull('enrolment_id')
      .count('* as total')
    assert.equal(Number(records[0].total), Number(completed[0].total))

    const overfull = await db
      .from('course_sessions as s')
      .join('enrolments as e', 'e.session_id', 's.id')
      .whereIn('e.status', ['booked', 'attended', 'completed', 'no_show'])
      .groupBy('s.id', 's.capacity')
      .havingRaw('count(*) > s.capacity')
      .select('s.id')
    assert.lengthOf(overfull, 0, 'no session has more seats taken than its capacity')

    const waitlists = await db
      .from('enrolments')
      .where('status', 'waitlisted')
      .groupBy('session_id')
      .select('session_id')
      .count('* as total')
      .min('waitlist_position as first')
      .max('waitlist_position as last')
      .countDistinct('waitlist_position as positions')
    assert.isAbove(waitlists.length, 0)
    for (const list of waitlists) {
      assert.equal(Number(list.first), 1)
      assert.equal(Number(list.last), Number(list.total))
      assert.equal(Number(list.positions), Number(list.total))
      const session = await db.from('course_sessions').where('id', list.session_id).first()
      const booked = await db
        .from('enrolments')
        .where('session_id', list.session_id)
        .where('status', 'booked')
        .count('* as total')
      assert.equal(Number(booked[0].total), Number(session.capacity), 'people wait only when full')
    }
  })

  test('gives everyone a line manager in their own organisation, senior to them, with no loops', async ({
    assert,
  }) => {
    const people = await db
      .from('users')
      .select('id', 'organisation_id', 'line_manager_id', 'grade')
    const byId = new Map(people.map((person) => [Number(person.id), person]))
    const rank = (grade: string) => gradeValues.indexOf(grade as Grade)
    let heads = 0
    for (const person of people) {
      if (person.line_manager_id === null) {
        heads += 1
        continue
      }
      const manager = byId.get(Number(person.line_manager_id))!
      assert.equal(manager.organisation_id, person.organisation_id)
      assert.isAbove(rank(manager.grade), rank(person.grade))
      const seen = new Set<number>([Number(person.id)])
      let current = manager
      while (current.line_manager_id !== null) {
        assert.isFalse(seen.has(Number(current.id)), `a loop through person ${current.id}`)
        seen.add(Number(current.id))
        current = byId.get(Number(current.line_manager_id))!
      }
    }
    assert.equal(heads, TINY.organisations, 'one head per organisation')

    const spans = await db
      .from('users')
      .whereNotNull('line_manager_id')
      .groupBy('line_manager_id')
      .select('line_manager_id')
      .count('* as reports')
    const wideSpans = spans.filter((row) => Number(row.reports) > 10)
    assert.lengthOf(wideSpans, 0, 'nobody manages more than 10 people')
  })

  test('gives at least the services asked for months of consistent figures each, up to last month', async ({
    assert,
  }) => {
    const services = await count('services')
    assert.isAtLeast(services, TINY.services)
    const reports = await db
      .from('service_performance_reports')
      .orderBy('service_id')
      .orderBy('period_start')
    assert.isAbove(reports.length, services * TINY.performanceMonths * 0.9)
    assert.isAtMost(reports.length, services * TINY.performanceMonths)
    const months = new Set(reports.map((row) => isoDateFromSql(row.period_start)))
    assert.sameMembers(
      [...months],
      ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'],
      'the six months before the day the data is made for'
    )
    let previous: (typeof reports)[number] | null = null
    for (const row of reports) {
      const sameService = previous?.service_id === row.service_id
      const problems = figureProblems(figuresFromRow(row), {
        previous: sameService ? figuresFromRow(previous!) : null,
        factor: workforceConfig.servicePerformance.outlierFactor,
        hasNote: row.notes !== null,
      })
      assert.deepEqual(problems, [], `service ${row.service_id}, ${row.period_start}`)
      previous = row
    }
  })

  test('makes the same data again from the same seed', async ({ assert }) => {
    await generate(TINY)
    assert.equal(await digest(), seeded)
  })

  test('makes different data from another seed', async ({ assert }) => {
    await generate({ ...TINY, seed: 2014 })
    assert.notEqual(await digest(), seeded)
  })
})

test.group('Benchmark data command', (group) => {
  group.each.setup(() => emptyDataTables())
  group.teardown(() => emptyDataTables())

  test('refuses to add to a database that holds people unless told to empty it', async ({
    assert,
  }) => {
    await db.table('organisations').insert({
      code: 'solo',
      name: 'Solo Office',
      type: 'ministerial_department',
      path: '/',
      depth: 0,
      created_at: '2026-01-01 00:00:00',
      updated_at: '2026-01-01 00:00:00',
    })
    const organisation = await db.from('organisations').where('code', 'solo').first()
    await db.table('users').insert({
      full_name: 'Already Here',
      email: 'already.here@example.com',
      organisation_id: organisation.id,
      created_at: '2026-01-01 00:00:00',
      updated_at: '2026-01-01 00:00:00',
    })

    ace.ui.switchMode('raw')
    const command = await ace.create(BenchSeed, [
      ...Object.entries(TINY).flatMap(([flag, value]) => [
        `--${flag.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
        String(value),
      ]),
    ])
    await command.exec()
    command.assertFailed()
    command.assertLogMatches(/already holds 1 person\..*--fresh/, 'stderr')
    assert.equal(await count('users'), 1)
    assert.equal(await count('courses'), 0)
  }).timeout(30_000)
})
