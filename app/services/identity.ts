import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { Roles } from '#enums/roles'
import type { Programme } from '#domain/fast_stream/programmes'

/*
 * Loads what every request needs to know about the signed-in user: their
 * roles, and in one more query whether they line-manage anyone, whether
 * they are linked to a training provider (which makes a course admin
 * administer courses) and whether they are an entrant, and of which
 * programme (each an indexed look-up).
 */
export async function loadIdentity(user: User) {
  await user.load((loader) => loader.load('roles'))
  const facts = await db
    .query()
    .select(
      db.raw('exists (select 1 from users where line_manager_id = ?) as manages', [user.id]),
      db.raw('exists (select 1 from provider_admins where user_id = ?) as provides', [user.id]),
      db
        .from('fast_stream_entrants as e')
        .join('fast_stream_schemes as s', 's.id', 'e.scheme_id')
        .where('e.user_id', user.id)
        .select('s.programme')
        .limit(1)
        .as('programme')
    )
    .first()
  user.isLineManager = Boolean(Number(facts.manages))
  user.administersCourses =
    user.hasRole(Roles.CapabilityAdmin) ||
    (user.hasRole(Roles.CourseAdmin) && Boolean(Number(facts.provides)))
  user.isFastStreamEntrant = facts.programme !== null
  user.entrantProgramme = (facts.programme as Programme | null) ?? null
}
