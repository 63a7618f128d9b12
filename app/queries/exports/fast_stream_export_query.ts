import db from '@adonisjs/lucid/services/db'
import { type KeyColumn, linesOfQuery, countRows } from '#services/csv_export'
import {
  entrantRows,
  entrantsMatching,
  ENTRANT_SORTS,
  type EntrantFilters,
} from '#queries/fast_stream/admin_entrants_query'
import { APPLICANTS_SQL, roundFigureColumns } from '#queries/fast_stream/admin_rounds_query'
import {
  clearanceLabels,
  placementStatusLabels,
  programmeLabels,
  roundStatusLabels,
  type Clearance,
  type PlacementStatus,
  type Programme,
  type RoundStatus,
} from '#enums/fast_stream'
import { sqlTime } from '#queries/exports/sql_time'
import { isoDateFromSql } from '#domain/shared/uk_time'

export const ENTRANTS_HEADER = [
  'Name',
  'Email',
  'Scheme',
  'Cohort',
  'Clearance',
  'Started on',
  'Postings',
  'Had a digital posting',
]

/* The name each entrant sort column has in the export's rows. */
const ENTRANT_SORT_KEYS: Record<string, string> = {
  'u.full_name': 'full_name',
  'u.email': 'email',
  's.name': 'scheme',
  'c.name': 'cohort',
  'e.started_on': 'started_on',
}

export function countEntrants(filters: EntrantFilters) {
  return countRows(entrantsMatching(filters))
}

/* Every entrant the list finds, in its order, with postings counted in SQL. */
export function entrantLines(filters: EntrantFilters, batchSize: number) {
  const sort = ENTRANT_SORTS[filters.sort]
  const keys: KeyColumn[] = [
    { column: sort, key: ENTRANT_SORT_KEYS[sort], direction: filters.direction },
    { column: 'e.id', key: 'id', direction: 'asc' },
  ]
  const build = () =>
    entrantRows(filters).select(
      db.raw(
        '(select count(*) from fast_stream_postings fp where fp.entrant_id = e.id) as postings'
      ),
      db.raw(
        '(select count(*) from fast_stream_postings fp where fp.entrant_id = e.id and fp.is_digital = ?) as digital_postings',
        [true]
      )
    )
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.full_name,
    row.email,
    row.scheme,
    row.cohort,
    clearanceLabels[row.clearance as Clearance] ?? row.clearance,
    isoDateFromSql(row.started_on),
    Number(row.postings),
    Number(row.digital_postings) > 0,
  ])
}

export const ROUNDS_HEADER = [
  'Round',
  'Programme',
  'Status',
  'Placements open',
  'Preferences open',
  'Preferences close',
  'Results',
  'Placements waiting',
  'Placements approved',
  'Places approved',
  'Shortlists submitted',
]

export function countRounds() {
  return countRows(db.from('placement_rounds'))
}

/* Every round, latest first, with its programme and its placements and shortlists counted in SQL. */
export function roundLines(batchSize: number) {
  const build = () =>
    db
      .from('placement_rounds')
      .select(
        'id',
        'name',
        'programme',
        'status',
        'placements_open_at',
        'preferences_open_at',
        'preferences_close_at',
        'results_at'
      )
      .select(...roundFigureColumns())
  const keys: KeyColumn[] = [
    { column: 'placements_open_at', key: 'placements_open_at', direction: 'desc' },
    { column: 'id', key: 'id', direction: 'desc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.name,
    programmeLabels[row.programme as Programme] ?? row.programme,
    roundStatusLabels[row.status as RoundStatus] ?? row.status,
    sqlTime(row.placements_open_at),
    sqlTime(row.preferences_open_at),
    sqlTime(row.preferences_close_at),
    sqlTime(row.results_at),
    Number(row.waiting),
    Number(row.approved),
    Number(row.places),
    Number(row.submitted),
  ])
}

export const PLACEMENTS_HEADER = [
  'Round',
  'Organisation',
  'Team',
  'Title',
  'Location',
  'Clearance required',
  'Digital',
  'Places',
  'Status',
  'Applicants',
]

export type PlacementExportFilters = {
  /* A team lead's own team. */
  teamId?: number
  /* One round, for the Fast Stream team's round page. */
  roundId?: number
  status?: PlacementStatus
}

/* Placements of one team or one round; never every placement by accident. */
function placementsIn(filters: PlacementExportFilters) {
  const query = db
    .from('placements')
    .join('placement_rounds as r', 'r.id', 'placements.round_id')
    .join('teams', 'teams.id', 'placements.team_id')
    .join('organisations', 'organisations.id', 'placements.organisation_id')
  if (filters.teamId === undefined && filters.roundId === undefined) query.whereRaw('1 = 0')
  if (filters.teamId !== undefined) query.where('placements.team_id', filters.teamId)
  if (filters.roundId !== undefined) query.where('placements.round_id', filters.roundId)
  if (filters.status) query.where('placements.status', filters.status)
  return query
}

export function countPlacements(filters: PlacementExportFilters) {
  return countRows(placementsIn(filters))
}

/* Placements with their submitted applications, by organisation and title. */
export function placementLines(filters: PlacementExportFilters, batchSize: number) {
  const build = () =>
    placementsIn(filters)
      .select(
        'placements.id',
        'placements.title',
        'placements.location',
        'placements.clearance_required',
        'placements.is_digital',
        'placements.capacity',
        'placements.status',
        'r.name as round_name',
        'teams.name as team_name',
        'organisations.name as organisation_name'
      )
      .select(db.raw(`${APPLICANTS_SQL} as applicants`))
  const keys: KeyColumn[] = [
    { column: 'organisations.name', key: 'organisation_name', direction: 'asc' },
    { column: 'placements.title', key: 'title', direction: 'asc' },
    { column: 'placements.id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.round_name,
    row.organisation_name,
    row.team_name,
    row.title,
    row.location,
    clearanceLabels[row.clearance_required as Clearance] ?? row.clearance_required,
    Boolean(row.is_digital),
    Number(row.capacity),
    placementStatusLabels[row.status as PlacementStatus] ?? row.status,
    Number(row.applicants),
  ])
}
