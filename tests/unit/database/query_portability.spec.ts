import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { filesBelow } from '#tests/support/source_files'
import {
  QuerySource,
  faultsOf,
  portabilityFaults,
  shapesOfSql,
} from '#tests/support/query_portability'

/*
 * MariaDB runs `GROUP BY a ORDER BY b` and `SELECT DISTINCT a … ORDER BY b`
 * even under ONLY_FULL_GROUP_BY; MySQL 8 refuses both when b is neither
 * grouped nor aggregated (or, with DISTINCT, not selected). CI's MariaDB
 * cannot catch them, so every query in app/ is read and checked here.
 */

/* The faults of some TypeScript placed at app/queries/example_query.ts. */
function faultsOfCode(code: string) {
  const root = app.makePath()
  const path = join(root, 'app/queries/example_query.ts')
  return portabilityFaults(new QuerySource(root, new Map([[path, code]])).shapes())
}

const faultsOfSql = (sql: string) => shapesOfSql(sql, 'sql').flatMap(faultsOf)

test.group('Queries MySQL 8 refuses under ONLY_FULL_GROUP_BY', () => {
  test('no query in app/ orders a grouped or distinct result by what it does not group or select', ({
    assert,
  }) => {
    const root = app.makePath()
    const files = filesBelow(app.makePath('app')).filter((path) => path.endsWith('.ts'))
    const source = new QuerySource(root, new Map(files.map((p) => [p, readFileSync(p, 'utf8')])))
    const shapes = source.shapes()
    // The check reads the grouped and distinct queries there are (about fifty today).
    assert.isAtLeast(shapes.filter((shape) => shape.groupBy.length > 0).length, 40)
    assert.isAtLeast(shapes.filter((shape) => shape.distinct).length, 3)
    assert.deepEqual(portabilityFaults(shapes), [])
  }).timeout(30_000)

  test('a grouped query ordered by a column it neither groups nor aggregates is a fault', ({
    assert,
  }) => {
    const faults = faultsOfCode(`
      import db from '@adonisjs/lucid/services/db'
      export function byStatus() {
        return db.from('enrolments').groupBy('status').select('status').count('* as total').orderBy('created_at')
      }`)
    assert.lengthOf(faults, 1)
    assert.include(faults[0], 'app/queries/example_query.ts:4')
    assert.include(faults[0], 'ORDER BY created_at: created_at is neither grouped nor aggregated')
  })

  test('a distinct query ordered by a column it does not select is a fault', ({ assert }) => {
    const faults = faultsOfCode(`
      import db from '@adonisjs/lucid/services/db'
      export const locations = () =>
        db.from('course_sessions as s').distinct('s.location').orderBy('s.starts_at', 'desc')`)
    assert.lengthOf(faults, 1)
    assert.include(
      faults[0],
      'SELECT DISTINCT s.location ORDER BY s.starts_at: s.starts_at is not selected'
    )
  })

  test('a query built in parts, through a variable or a function, is read whole', ({ assert }) => {
    const faults = faultsOfCode(`
      import db from '@adonisjs/lucid/services/db'
      function grouped(client) {
        const query = client.from('users').join('teams as t', 't.id', 'users.team_id')
        query.groupBy('t.id', 't.name')
        return query
      }
      export async function teams(client, sorted: boolean) {
        const rows = grouped(client).select('t.id', 't.name').count('* as people')
        if (sorted) rows.orderBy('users.full_name')
        return rows.orderBy('t.name')
      }`)
    assert.deepEqual(faults, [
      'app/queries/example_query.ts:10: GROUP BY t.id, t.name ORDER BY users.full_name: users.full_name is neither grouped nor aggregated',
    ])
  })

  test('ordering by grouped columns, aggregates and their aliases is accepted', ({ assert }) => {
    const faults = faultsOfCode(`
      import db from '@adonisjs/lucid/services/db'
      const PLACES = 'sum(case when e.status = \\'booked\\' then 1 else 0 end)'
      export const courses = () =>
        db.from('courses as c').join('enrolments as e', 'e.course_id', 'c.id')
          .groupBy('c.id', 'c.title')
          .select('c.id', 'c.title', db.raw(\`\${PLACES} as places\`))
          .max('e.created_at as latest')
          .orderBy('places', 'desc').orderBy('latest').orderBy('title')
          .orderByRaw('count(*) desc, lower(c.title)')
      export const names = () => db.from('users').distinct('full_name as name', 'email').orderBy('name').orderBy('users.email')`)
    assert.deepEqual(faults, [])
  })

  test('a column the check cannot read counts as a fault until it can', ({ assert }) => {
    const faults = faultsOfCode(`
      import db from '@adonisjs/lucid/services/db'
      export const sorted = (column: string) =>
        db.from('courses').groupBy('status').select('status').count('* as n').orderBy(column)`)
    assert.lengthOf(faults, 1)
    assert.include(faults[0], 'ORDER BY ⟨column⟩: ⟨column⟩ is neither grouped nor aggregated')
  })

  test('raw SQL is checked, subqueries too', ({ assert }) => {
    assert.deepEqual(
      faultsOfSql('select status, count(*) from enrolments group by status order by 2'),
      []
    )
    assert.deepEqual(
      faultsOfSql(
        'select `u`.`id`, (select count(*) from enrolments e where e.user_id = u.id group by e.status order by e.id) as n from users u order by n'
      ),
      ['sql: GROUP BY e.status ORDER BY e.id: e.id is neither grouped nor aggregated']
    )
    assert.deepEqual(
      faultsOfSql('SELECT DISTINCT location FROM course_sessions ORDER BY starts_at DESC LIMIT 5'),
      ['sql: SELECT DISTINCT location ORDER BY starts_at: starts_at is not selected']
    )
    const rawQuery = faultsOfCode(`
      import db from '@adonisjs/lucid/services/db'
      export const rows = () => db.rawQuery('select team_id, count(*) as n from users group by team_id order by full_name')`)
    assert.lengthOf(rawQuery, 1)
    assert.include(rawQuery[0], 'ORDER BY full_name: full_name is neither grouped nor aggregated')
  })
})
