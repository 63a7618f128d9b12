import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

/*
 * The person of the address on the people pages, with their roles: refused
 * (403) to anyone who may not list people, and 404 outside the
 * administrator's scope, as if they did not exist.
 */
export async function personInScope(bouncer: HttpContext['bouncer'], id: string) {
  await bouncer.with('UserPolicy').authorize('viewList')
  const userId = Number.parseInt(id, 10)
  const person = Number.isFinite(userId)
    ? await User.query().where('id', userId).preload('roles').first()
    : null
  if (!person || !(await bouncer.with('UserPolicy').allows('view', person))) {
    throw new RecordNotFoundException()
  }
  return person
}
