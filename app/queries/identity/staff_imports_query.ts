import db from '@adonisjs/lucid/services/db'
import StaffImport, { StaffImportStatuses } from '#models/staff_import'
import InvitationRun from '#models/invitation_run'
import type { OrganisationScope } from '#services/organisation_scope'

/*
 * Staff imports as their pages read them. HR see the imports of their
 * organisation's tree; a capability admin's imports only admins.
 */

const scoped = (scope: OrganisationScope) => {
  const query = StaffImport.query()
  if (!scope.everything) scope.apply(query, 'scope_organisation_id')
  return query
}

/* The 50 latest imports in the scope, newest first. */
export function recentStaffImports(scope: OrganisationScope) {
  return scoped(scope).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(50)
}

export function findStaffImportInScope(scope: OrganisationScope, id: number) {
  return scoped(scope).where('id', id).first()
}

export type StaffRowOutcome = 'bad' | 'new' | 'changed' | 'unchanged'

const OUTCOMES = [
  { value: 'bad', label: 'Cannot be imported' },
  { value: 'new', label: 'New' },
  { value: 'changed', label: 'Changed' },
  { value: 'unchanged', label: 'Unchanged' },
] as const

/* The import's rows by outcome, each with its count, for the tabs of its page. */
export function staffImportOutcomes(staffImport: StaffImport) {
  const counts: Record<StaffRowOutcome, number> = {
    bad: staffImport.badRows,
    new: staffImport.newRows,
    changed: staffImport.changedRows,
    unchanged: staffImport.unchangedRows,
  }
  return OUTCOMES.map((option) => ({ ...option, count: counts[option.value] }))
}

/* One page of the import's rows with this outcome, once checked; null before. */
export async function staffImportRows(
  staffImport: StaffImport,
  outcome: StaffRowOutcome,
  page: number
) {
  const ready =
    staffImport.status === StaffImportStatuses.Checked ||
    staffImport.status === StaffImportStatuses.Applied
  if (!ready) return null
  return db
    .from('staff_import_rows')
    .leftJoin('organisations', 'organisations.code', 'staff_import_rows.organisation_code')
    .where('staff_import_id', staffImport.id)
    .where('outcome', outcome)
    .orderBy('line')
    .select('line', 'email', 'full_name', 'organisation_code', 'reason', 'changes')
    .select('organisations.name as organisation_name')
    .paginate(page, 50)
}

/* The latest run inviting the people the import added, if any. */
export function latestInvitationRun(staffImportId: number) {
  return InvitationRun.query().where('staff_import_id', staffImportId).orderBy('id', 'desc').first()
}
