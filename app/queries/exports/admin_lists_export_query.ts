import db from '@adonisjs/lucid/services/db'
import type { OrganisationScope } from '#services/organisation_scope'
import { type KeyColumn, linesOfQuery, countRows } from '#services/csv_export'
import { staffImportStatusLabels } from '#enums/staff_imports'
import { sqlTime } from '#queries/exports/sql_time'

export const PROVIDERS_HEADER = ['Provider', 'Code', 'Courses', 'Course admins']

export function countProviders() {
  return countRows(db.from('providers'))
}

/* Every training provider by name, with its courses and course admins counted in SQL. */
export function providerLines(batchSize: number) {
  const build = () =>
    db
      .from('providers')
      .select('providers.id', 'providers.code', 'providers.name')
      .select(
        db
          .from('courses')
          .whereColumn('courses.provider_id', 'providers.id')
          .count('*')
          .as('courses'),
        db
          .from('provider_admins')
          .whereColumn('provider_admins.provider_id', 'providers.id')
          .count('*')
          .as('admins')
      )
  const keys: KeyColumn[] = [
    { column: 'providers.name', key: 'name', direction: 'asc' },
    { column: 'providers.id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.name,
    row.code,
    Number(row.courses ?? 0),
    Number(row.admins ?? 0),
  ])
}

export const STAFF_IMPORTS_HEADER = [
  'File',
  'Uploaded at',
  'Uploaded by',
  'For organisation',
  'Status',
  'Rows',
  'New',
  'Changed',
  'Unchanged',
  'Cannot be imported',
  'People added',
  'People updated',
  'Applied at',
]

/* Staff imports made for organisations in scope (every import for a capability admin). */
function staffImportsIn(scope: OrganisationScope) {
  const query = db
    .from('staff_imports')
    .leftJoin('users', 'users.id', 'staff_imports.uploaded_by')
    .leftJoin('organisations', 'organisations.id', 'staff_imports.scope_organisation_id')
  return scope.apply(query, 'staff_imports.scope_organisation_id')
}

export function countStaffImports(scope: OrganisationScope) {
  return countRows(staffImportsIn(scope))
}

/* Every staff import in scope, newest first, as the staff imports page lists them. */
export function staffImportLines(scope: OrganisationScope, batchSize: number) {
  const build = () =>
    staffImportsIn(scope).select(
      'staff_imports.id',
      'staff_imports.file_name',
      'staff_imports.created_at',
      'staff_imports.status',
      'staff_imports.total_rows',
      'staff_imports.new_rows',
      'staff_imports.changed_rows',
      'staff_imports.unchanged_rows',
      'staff_imports.bad_rows',
      'staff_imports.created_people',
      'staff_imports.updated_people',
      'staff_imports.applied_at',
      'users.full_name as uploader_name',
      'organisations.name as organisation_name'
    )
  const keys: KeyColumn[] = [
    { column: 'staff_imports.created_at', key: 'created_at', direction: 'desc' },
    { column: 'staff_imports.id', key: 'id', direction: 'desc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.file_name,
    sqlTime(row.created_at),
    row.uploader_name,
    row.organisation_name ?? 'Every organisation',
    staffImportStatusLabels[row.status] ?? row.status,
    Number(row.total_rows),
    Number(row.new_rows),
    Number(row.changed_rows),
    Number(row.unchanged_rows),
    Number(row.bad_rows),
    Number(row.created_people),
    Number(row.updated_people),
    sqlTime(row.applied_at),
  ])
}

/* The rows of a staff import that cannot be imported, in the file's order, each with its problem. */
export function staffImportProblemRows(staffImportId: number) {
  return db
    .from('staff_import_rows')
    .where('staff_import_id', staffImportId)
    .where('outcome', 'bad')
    .orderBy('line')
    .select('line', 'email', 'full_name', 'reason')
}
