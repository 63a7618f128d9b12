import type { HttpContext } from '@adonisjs/core/http'
import CapabilityGap from '#models/capability_gap'
import { idParam } from '#services/params'
import { managedInScope } from '#controllers/workforce/managed_records'

/* The gap of the address, for the register's pages, as a managed workforce record. */
export function gapInScope(
  ctx: Pick<HttpContext, 'bouncer' | 'inScope'>,
  id: unknown
): Promise<CapabilityGap> {
  return managedInScope(
    ctx,
    (scope, gapId) => scope.apply(CapabilityGap.query().where('id', idParam(gapId))).first(),
    id
  )
}
