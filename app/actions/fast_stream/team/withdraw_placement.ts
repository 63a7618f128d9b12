import db from '@adonisjs/lucid/services/db'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import { PlacementStatuses, RoundStatuses, type PlacementStatus } from '#enums/fast_stream'

export type WithdrawPlacementResult =
  | { type: 'withdrawn'; placement: Placement }
  | { type: 'not_withdrawable'; status: PlacementStatus }
  | { type: 'round_matched' }

/*
 * A team takes back a placement it offered, waiting or approved, until the
 * round is matched: entrants who chose it are then matched elsewhere.
 */
export async function withdrawPlacement(placement: Placement): Promise<WithdrawPlacementResult> {
  return db.transaction(async (trx) => {
    const current = await Placement.query({ client: trx })
      .where('id', placement.id)
      .forUpdate()
      .firstOrFail()
    const round = await PlacementRound.query({ client: trx })
      .where('id', current.roundId)
      .firstOrFail()
    if (round.status !== RoundStatuses.Open && round.status !== RoundStatuses.Closed) {
      return { type: 'round_matched' as const }
    }
    if (
      current.status !== PlacementStatuses.Offered &&
      current.status !== PlacementStatuses.Approved
    ) {
      return { type: 'not_withdrawable' as const, status: current.status }
    }
    current.status = PlacementStatuses.Withdrawn
    await current.save()
    return { type: 'withdrawn' as const, placement: current }
  })
}
