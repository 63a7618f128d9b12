import db from '@adonisjs/lucid/services/db'
import type { ChainableContract } from '@adonisjs/lucid/types/querybuilder'
import type User from '#models/user'
import { Roles } from '#enums/roles'

const cache = new WeakMap<User, number[] | 'all'>()

/*
 * The training providers whose courses a user administers: all of them for
 * a capability admin, the ones a course admin is linked to, else none.
 */
export async function administeredProviders(user: User): Promise<number[] | 'all'> {
  const cached = cache.get(user)
  if (cached) return cached
  let result: number[] | 'all' = []
  if (user.hasRole(Roles.CapabilityAdmin)) result = 'all'
  else if (user.hasRole(Roles.CourseAdmin)) {
    const rows = await db.from('provider_admins').where('user_id', user.id).select('provider_id')
    result = rows.map((row) => Number(row.provider_id))
  }
  cache.set(user, result)
  return result
}

export async function administersProvider(user: User, providerId: number) {
  const providers = await administeredProviders(user)
  return providers === 'all' || providers.includes(providerId)
}

/*
 * Narrows a query of users to the people who run a provider's courses: the
 * course admins linked to it. Capability admins may manage every provider
 * (above), but they do not run its courses day to day, so they are left out.
 * Subqueries, so the caller's query stays one query.
 */
export function whereRunsProvider<Query extends ChainableContract>(
  users: Query,
  providerId: number
) {
  return users
    .whereIn('users.id', (admins) => {
      admins.from('user_roles').where('role', Roles.CourseAdmin).select('user_id')
    })
    .whereIn('users.id', (links) => {
      links.from('provider_admins').where('provider_id', providerId).select('user_id')
    })
}
