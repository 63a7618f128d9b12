import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type { OrganisationScope } from '#services/organisation_scope'

/*
 * Figures for the administrators' home page, counted in SQL within scope.
 */
export async function administrationCounts(scope: OrganisationScope) {
  const people = scope.apply(
    db
      .from('users')
      .count('* as total')
      .select(db.raw('sum(case when deactivated_at is null then 0 else 1 end) as deactivated'))
  )
  const organisations = db.from('organisations').count('* as total')
  if (!scope.everything) organisations.whereIn('id', scope.organisationIdsQuery())
  const teams = scope.apply(db.from('teams').count('* as total'))
  const roles = scope
    .apply(
      db.from('user_roles').join('users', 'users.id', 'user_roles.user_id'),
      'users.organisation_id'
    )
    .select('user_roles.role')
    .count('* as total')
    .groupBy('user_roles.role')

  const [peopleRow, organisationRow, teamRow, roleRows] = await Promise.all([
    people.first(),
    organisations.first(),
    teams.first(),
    roles,
  ])
  const total = Number(peopleRow?.total ?? 0)
  const deactivated = Number(peopleRow?.deactivated ?? 0)
  return {
    people: total,
    activePeople: total - deactivated,
    deactivatedPeople: deactivated,
    organisations: Number(organisationRow?.total ?? 0),
    teams: Number(teamRow?.total ?? 0),
    roles: Object.fromEntries(roleRows.map((row: any) => [row.role, Number(row.total)])),
  }
}

/* A line manager's direct reports, for their home page. */
export function directReports(manager: User) {
  return User.query()
    .where('line_manager_id', manager.id)
    .whereNull('deactivated_at')
    .orderBy('full_name')
    .select('id', 'full_name', 'email', 'grade', 'profession')
}
