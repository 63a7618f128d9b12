import db from '@adonisjs/lucid/services/db'
import FastStreamScheme from '#models/fast_stream_scheme'
import FastStreamCohort from '#models/fast_stream_cohort'

const entrantCount = (column: string, table: string) =>
  db.raw(
    `(select count(*) from fast_stream_entrants e where e.${column} = ${table}.id) as entrants`
  )

/* Every scheme by name, with how many entrants are on it. */
export function schemesWithCounts() {
  return FastStreamScheme.query()
    .select('fast_stream_schemes.*', entrantCount('scheme_id', 'fast_stream_schemes'))
    .orderBy('name')
}

/* Every cohort, newest intake first, with how many entrants are in it. */
export function cohortsWithCounts() {
  return FastStreamCohort.query()
    .select('fast_stream_cohorts.*', entrantCount('cohort_id', 'fast_stream_cohorts'))
    .orderBy('intake_year', 'desc')
    .orderBy('name')
}

/* Schemes and cohorts as choices for select boxes and filters. */
export async function schemeAndCohortOptions() {
  const [schemes, cohorts] = await Promise.all([
    db.from('fast_stream_schemes').select('id', 'name').orderBy('name'),
    db
      .from('fast_stream_cohorts')
      .select('id', 'name')
      .orderBy('intake_year', 'desc')
      .orderBy('name'),
  ])
  const options = (rows: { id: number; name: string }[]) =>
    rows.map((row) => ({ value: Number(row.id), label: String(row.name) }))
  return { schemes: options(schemes), cohorts: options(cohorts) }
}
