import db from '@adonisjs/lucid/services/db'
import type { OrganisationScope } from '#services/organisation_scope'
import { type KeyColumn, linesOfQuery, countRows } from '#services/csv_export'
import { organisationTypeLabels, type OrganisationType } from '#enums/organisation_types'
import { organisationsWithCounts } from '#queries/identity/organisations_query'

export const ORGANISATIONS_HEADER = [
  'Organisation',
  'Code',
  'Type',
  'Part of',
  'Transactional',
  'Retired',
  'People',
  'Teams',
]

export const TEAMS_HEADER = ['Team', 'Organisation', 'Location', 'Members']

export function countOrganisations(scope: OrganisationScope) {
  return countRows(scope.apply(db.from('organisations'), 'organisations.id'))
}

/* Every organisation in scope, by name, a batch at a time. */
export function organisationLines(scope: OrganisationScope, batchSize: number) {
  const keys: KeyColumn[] = [
    { column: 'o.name', key: 'name', direction: 'asc' },
    { column: 'o.id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(
    () => organisationsWithCounts(scope),
    keys,
    batchSize,
    (row) => [
      row.name,
      row.code,
      organisationTypeLabels[row.type as OrganisationType] ?? row.type,
      row.parent_name,
      Boolean(row.is_transactional),
      row.retired_at !== null,
      Number(row.people_total ?? 0),
      Number(row.team_total ?? 0),
    ]
  )
}

export type TeamExportFilters = { organisationId?: number }

function teamsIn(scope: OrganisationScope, filters: TeamExportFilters) {
  const query = db.from('teams').join('organisations', 'organisations.id', 'teams.organisation_id')
  scope.apply(query, 'teams.organisation_id')
  if (filters.organisationId) query.where('teams.organisation_id', filters.organisationId)
  return query
}

export function countTeams(scope: OrganisationScope, filters: TeamExportFilters) {
  return countRows(teamsIn(scope, filters))
}

/* Delivery teams in scope (of one organisation, when asked), by organisation then name. */
export function teamLines(scope: OrganisationScope, filters: TeamExportFilters, batchSize: number) {
  const keys: KeyColumn[] = [
    { column: 'organisations.name', key: 'organisation_name', direction: 'asc' },
    { column: 'teams.name', key: 'name', direction: 'asc' },
    { column: 'teams.id', key: 'id', direction: 'asc' },
  ]
  const build = () =>
    teamsIn(scope, filters)
      .select('teams.id', 'teams.name', 'teams.location', 'organisations.name as organisation_name')
      .select(
        db.from('users').whereColumn('users.team_id', 'teams.id').count('*').as('member_total')
      )
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.name,
    row.organisation_name,
    row.location,
    Number(row.member_total ?? 0),
  ])
}
