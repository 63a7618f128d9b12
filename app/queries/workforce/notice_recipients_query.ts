import db from '@adonisjs/lucid/services/db'
import { Roles, type Role } from '#enums/roles'
import { ancestorIdsOf, organisationPath } from '#queries/identity/organisation_paths'

export type Recipient = { id: number; email: string; name: string }

function withRole(role: Role) {
  return db
    .from('users as u')
    .whereNull('u.deactivated_at')
    .whereIn('u.id', db.from('user_roles').where('role', role).select('user_id'))
    .select('u.id', 'u.email', 'u.full_name')
    .orderBy('u.full_name')
    .orderBy('u.id')
}

const toRecipient = (row: any): Recipient => ({
  id: Number(row.id),
  email: String(row.email),
  name: String(row.full_name),
})

/* Active capability admins: who decide on capability plans. */
export async function capabilityAdmins() {
  const rows = await withRole(Roles.CapabilityAdmin)
  return rows.map(toRecipient)
}

/*
 * Active department HR whose scope holds the organisation: HR of it or of
 * any organisation above it in the tree.
 */
export async function hrOf(organisationId: number) {
  const organisation = await organisationPath(organisationId)
  if (!organisation) return []
  const ids = [...ancestorIdsOf(organisation.path), Number(organisation.id)]
  const rows = await withRole(Roles.DepartmentHr).whereIn('u.organisation_id', ids)
  return rows.map(toRecipient)
}
