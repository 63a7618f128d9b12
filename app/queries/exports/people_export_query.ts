import db from '@adonisjs/lucid/services/db'
import type { OrganisationScope } from '#services/organisation_scope'
import {
  applyPeopleFilters,
  peopleSortColumn,
  type PeopleFilters,
} from '#queries/identity/people_query'
import { keysetBatches, countRows, type CsvLine, type KeyColumn } from '#services/csv_export'
import { roleLabels, roleValues, type Role } from '#enums/roles'
import { gradeLabels, type Grade } from '#enums/grades'
import { professionLabels, type Profession } from '#enums/professions'
import { sqlTime } from '#queries/exports/sql_time'

export const PEOPLE_HEADER = [
  'Name',
  'Email',
  'Organisation',
  'Team',
  'Grade',
  'Profession',
  'Roles',
  'Status',
  'Last signed in',
]

/* The name each sort column has in the export's rows, for keyset paging. */
const SORT_KEYS: Record<string, string> = {
  'users.full_name': 'full_name',
  'users.email': 'email',
  'organisations.name': 'organisation_name',
  'users.last_signed_in_at': 'last_signed_in_at',
}

/* How many people the export of these filters holds: the same scope and filters as the list. */
export function countPeople(scope: OrganisationScope, filters: PeopleFilters) {
  const query = db.from('users')
  scope.apply(query, 'users.organisation_id')
  applyPeopleFilters(query, filters)
  return countRows(query)
}

/*
 * Every person on the people list with these filters, in the list's order,
 * one line each, read a batch at a time with each batch's roles in one query.
 */
export async function* peopleLines(
  scope: OrganisationScope,
  filters: PeopleFilters,
  batchSize: number
): AsyncGenerator<CsvLine> {
  const sort = peopleSortColumn(filters)
  const keys: KeyColumn[] = [
    { column: sort, key: SORT_KEYS[sort], direction: filters.direction ?? 'asc' },
    { column: 'users.id', key: 'id', direction: 'asc' },
  ]
  const build = () => {
    const query = db
      .from('users')
      .join('organisations', 'organisations.id', 'users.organisation_id')
      .leftJoin('teams', 'teams.id', 'users.team_id')
      .select(
        'users.id',
        'users.full_name',
        'users.email',
        'users.grade',
        'users.profession',
        'users.deactivated_at',
        'users.last_signed_in_at',
        'organisations.name as organisation_name',
        'teams.name as team_name'
      )
    scope.apply(query, 'users.organisation_id')
    applyPeopleFilters(query, filters)
    return query
  }
  for await (const batch of keysetBatches<Record<string, any>>(build, keys, batchSize)) {
    const roles = await db
      .from('user_roles')
      .whereIn(
        'user_id',
        batch.map((row) => row.id)
      )
      .select('user_id', 'role')
    const held = new Map<number, Role[]>()
    for (const row of roles) {
      const list = held.get(Number(row.user_id)) ?? []
      list.push(row.role as Role)
      held.set(Number(row.user_id), list)
    }
    for (const row of batch) {
      const mine = held.get(Number(row.id)) ?? []
      yield [
        row.full_name,
        row.email,
        row.organisation_name,
        row.team_name,
        row.grade ? (gradeLabels[row.grade as Grade] ?? row.grade) : null,
        row.profession ? (professionLabels[row.profession as Profession] ?? row.profession) : null,
        roleValues
          .filter((role) => mine.includes(role))
          .map((role) => roleLabels[role])
          .join('; '),
        row.deactivated_at ? 'deactivated' : 'active',
        sqlTime(row.last_signed_in_at),
      ]
    }
  }
}
