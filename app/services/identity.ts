import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { Roles } from '#enums/roles'
import type { Programme } from '#domain/fast_stream/programmes'

/*
 * Loads what every request needs to know about the signed-in user: their
 * roles, whether they line-manage anyone and, for course admins, whether
 * they are linked to a provider, and whether they are an entrant, and of
 * which programme (small indexed queries).
 */
export async function loadIdentity(user: User) {
  await user.load((loader) => loader.load('roles'))
  const report = await db.from('users').where('line_manager_id', user.id).select('id').first()
  user.isLineManager = Boolean(report)
  user.administersCourses =
    user.hasRole(Roles.CapabilityAdmin) ||
    (user.hasRole(Roles.CourseAdmin) &&
      Boolean(await db.from('provider_admins').where('user_id', user.id).select('id').first()))
  const entrant = await db
    .from('fast_stream_entrants as e')
    .join('fast_stream_schemes as s', 's.id', 'e.scheme_id')
    .where('e.user_id', user.id)
    .select('s.programme')
    .first()
  user.isFastStreamEntrant = Boolean(entrant)
  user.entrantProgramme = entrant ? (entrant.programme as Programme) : null
}
