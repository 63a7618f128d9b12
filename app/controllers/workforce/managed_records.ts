import type { HttpContext } from '@adonisjs/core/http'
import type { ScopedFind } from '#start/http_context'

/*
 * A workforce record of the address (a campaign, a gap): refused (403) to
 * people without an HR role before any lookup, 404 outside the user's
 * scope, and refused when they may not manage its organisation.
 */
export async function managedInScope<T extends { organisationId: number }>(
  { bouncer, inScope }: Pick<HttpContext, 'bouncer' | 'inScope'>,
  find: ScopedFind<T>,
  id: unknown
): Promise<T> {
  await bouncer.with('WorkforcePolicy').authorize('viewAny')
  const record = await inScope(find, id)
  await bouncer.with('WorkforcePolicy').authorize('manage', record.organisationId)
  return record
}
