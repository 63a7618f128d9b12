import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { Roles, type Role } from '#enums/roles'
import type { Programme } from '#domain/fast_stream/programmes'

/*
 * What every request needs to know about the signed-in person: their
 * roles, whether they line-manage anyone, whether they are linked to a
 * training provider (which makes a course admin administer courses) and
 * whether they are an entrant, and of which programme. Each is a
 * subquery on an index, read in the same statement as the person's own
 * row, which the session and token guards read on every request anyway
 * (app/services/identity_user_providers.ts): one query per signed-in
 * request, and nothing kept between requests that a change to someone's
 * roles, reports, provider or scheme would have to clear.
 */
const IDENTITY_COLUMNS = [
  'identity_roles',
  'identity_manages',
  'identity_provides',
  'identity_programme',
] as const

function identitySubqueries() {
  return [
    db.raw(
      '(select group_concat(ur.role) from user_roles ur where ur.user_id = users.id) as identity_roles'
    ),
    db.raw('exists (select 1 from users r where r.line_manager_id = users.id) as identity_manages'),
    db.raw(
      'exists (select 1 from provider_admins pa where pa.user_id = users.id) as identity_provides'
    ),
    db.raw(
      '(select s.programme from fast_stream_entrants e join fast_stream_schemes s on s.id = e.scheme_id where e.user_id = users.id limit 1) as identity_programme'
    ),
  ]
}

/* Sets the identity on a person from the subqueries' values. */
function applyIdentity(user: User, row: Record<string, unknown>) {
  const roles = row.identity_roles
  user.identityRoles = typeof roles === 'string' && roles !== '' ? (roles.split(',') as Role[]) : []
  user.isLineManager = Boolean(Number(row.identity_manages))
  user.administersCourses =
    user.hasRole(Roles.CapabilityAdmin) ||
    (user.hasRole(Roles.CourseAdmin) && Boolean(Number(row.identity_provides)))
  const programme = (row.identity_programme as Programme | null | undefined) ?? null
  user.isFastStreamEntrant = programme !== null
  user.entrantProgramme = programme
  for (const column of IDENTITY_COLUMNS) delete user.$extras[column]
}

/* A person with their identity, in one query; null when there is no such person. */
export async function findWithIdentity(id: number | string | bigint) {
  const user = await User.query()
    .where('users.id', id as number)
    .select('users.*', ...identitySubqueries())
    .first()
  if (user) applyIdentity(user, user.$extras)
  return user
}

/* Reads the identity of a person already loaded (in one query). */
export async function loadIdentity(user: User) {
  const row = await db.from('users').where('users.id', user.id).select(identitySubqueries()).first()
  applyIdentity(user, row ?? {})
}

/*
 * Whether the request's session holds a signed-in person's id. When it
 * does not (a guest), asking the session guard would only build and throw
 * an "unauthorised" error to say so, stack trace and all, on every page a
 * guest opens; the pages that insist on a person still ask the guard.
 */
export function sessionNamesSomeone(ctx: HttpContext) {
  if (!('session' in ctx)) return false
  return ctx.session.has(ctx.auth.use('web').sessionKeyName)
}
