import type { HttpContext } from '@adonisjs/core/http'
import CapabilityGap from '#models/capability_gap'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'

/*
 * The gap of the address, for the register's pages: refused (403) to people
 * without an HR role before any lookup, 404 outside the user's scope, and
 * refused when they may not manage its organisation.
 */
export async function gapInScope(
  { bouncer, organisationScope }: Pick<HttpContext, 'bouncer' | 'organisationScope'>,
  id: unknown
): Promise<CapabilityGap> {
  await bouncer.with('WorkforcePolicy').authorize('viewAny')
  const scope = await organisationScope()
  const gap = await scope.apply(CapabilityGap.query().where('id', idParam(id))).first()
  if (!gap) throw new RecordNotFoundException()
  await bouncer.with('WorkforcePolicy').authorize('manage', gap.organisationId)
  return gap
}
