import db from '@adonisjs/lucid/services/db'
import type PlacementRound from '#models/placement_round'
import {
  keysetBatches,
  type CsvLine,
  type KeyColumn,
  linesOfQuery,
  countRows,
} from '#services/csv_export'
import {
  eligibilityFor,
  filteredPlacements,
  toPlacementRow,
  withColumns,
  withSkills,
  type PlacementFilters,
} from '#queries/fast_stream/placement_search_query'
import {
  clearanceLabels,
  programmeLabels,
  type Clearance,
  type Programme,
} from '#enums/fast_stream'
import { isoDateFromSql } from '#domain/shared/uk_time'

export const SCHEMES_HEADER = ['Scheme', 'Programme', 'Description', 'Entrants']

export function countSchemes() {
  return countRows(db.from('fast_stream_schemes'))
}

/* Every scheme by name with its programme and entrants counted in SQL, as the schemes page lists them. */
export function schemeLines(batchSize: number) {
  const build = () =>
    db
      .from('fast_stream_schemes')
      .select('id', 'name', 'programme', 'description')
      .select(
        db
          .from('fast_stream_entrants as e')
          .whereColumn('e.scheme_id', 'fast_stream_schemes.id')
          .count('*')
          .as('entrants')
      )
  const keys: KeyColumn[] = [
    { column: 'name', key: 'name', direction: 'asc' },
    { column: 'id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.name,
    programmeLabels[row.programme as Programme] ?? row.programme,
    row.description,
    Number(row.entrants ?? 0),
  ])
}

export const COHORTS_HEADER = ['Cohort', 'Intake year', 'Entrants']

export function countCohorts() {
  return countRows(db.from('fast_stream_cohorts'))
}

/* Every cohort, newest intake first, with its entrants counted in SQL. */
export function cohortLines(batchSize: number) {
  const build = () =>
    db
      .from('fast_stream_cohorts')
      .select('id', 'name', 'intake_year')
      .select(
        db
          .from('fast_stream_entrants as e')
          .whereColumn('e.cohort_id', 'fast_stream_cohorts.id')
          .count('*')
          .as('entrants')
      )
  const keys: KeyColumn[] = [
    { column: 'intake_year', key: 'intake_year', direction: 'desc' },
    { column: 'name', key: 'name', direction: 'asc' },
    { column: 'id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.name,
    Number(row.intake_year),
    Number(row.entrants ?? 0),
  ])
}

export const ROUND_PLACEMENTS_HEADER = [
  'Title',
  'Department',
  'Organisation',
  'Team',
  'Location',
  'Starts on',
  'Places',
  'Clearance required',
  'Digital',
  'Skills developed',
  'On your shortlist',
  'You can be matched to it',
]

/* Who reads the placement search: an entrant (with their shortlist), or the Fast Stream team. */
export type PlacementReader = { entrantId: number | null; shortlistId: number | null }

/* The approved placements of the round that the search finds with these filters. */
export function countRoundPlacements(round: PlacementRound, filters: PlacementFilters) {
  return countRows(filteredPlacements(round.id, filters))
}

/* The page's sort as keyset columns, named as `withColumns` selects them. */
function placementKeys(sort: PlacementFilters['sort']): KeyColumn[] {
  const first: Record<string, KeyColumn> = {
    start: { column: 'p.starts_on', key: 'starts_on', direction: 'asc' },
    department: { column: 'd.name', key: 'department_name', direction: 'asc' },
    capacity: { column: 'p.capacity', key: 'capacity', direction: 'desc' },
  }
  return [
    ...(sort && first[sort] ? [first[sort]] : []),
    { column: 'p.title', key: 'title', direction: 'asc' },
    { column: 'p.id', key: 'id', direction: 'asc' },
  ]
}

/*
 * Every placement the entrant's search finds, in the page's order: only
 * the round's approved placements, as on the page, with the skills each
 * develops, its place on the entrant's shortlist and whether the rules
 * of the round let them be matched to it (a few queries per batch).
 */
export async function* roundPlacementLines(
  round: PlacementRound,
  filters: PlacementFilters,
  reader: PlacementReader,
  batchSize: number
): AsyncGenerator<CsvLine> {
  const batches = keysetBatches<Record<string, any>>(
    () => withColumns(filteredPlacements(round.id, filters), reader.shortlistId),
    placementKeys(filters.sort),
    batchSize
  )
  for await (const batch of batches) {
    const rows = await withSkills(batch.map(toPlacementRow))
    const eligibility =
      reader.entrantId === null ? null : await eligibilityFor(round, reader.entrantId, rows)
    for (const [index, row] of rows.entries()) {
      const ineligible = eligibility?.get(row.id)
      yield [
        row.title,
        row.department.name,
        row.organisationName,
        row.teamName,
        row.location,
        isoDateFromSql(batch[index].starts_on),
        row.capacity,
        clearanceLabels[row.clearanceRequired as Clearance] ?? row.clearanceRequired,
        row.isDigital,
        row.skills.map((skill) => skill.name).join('; '),
        row.shortlistRank,
        eligibility === null ? null : ineligible ? `No: ${ineligible.reason}` : 'yes',
      ]
    }
  }
}
