import type { HttpContext } from '@adonisjs/core/http'
import { found, idParam } from '#services/params'
import { placementWithDetails } from '#queries/fast_stream/team_placements_query'

/*
 * A placement the signed-in team lead (or the Fast Stream team) may
 * manage: anyone else is refused before any lookup, an unknown id is a
 * 404, and another team's placement is refused.
 */
export async function managedPlacement(bouncer: HttpContext['bouncer'], id: unknown) {
  const policy = bouncer.with('FastStreamPolicy')
  if ((await policy.denies('offer')) && (await policy.denies('administer'))) {
    await policy.authorize('offer')
  }
  const placement = found(await placementWithDetails(idParam(id)))
  await policy.authorize('managePlacement', placement)
  return placement
}
