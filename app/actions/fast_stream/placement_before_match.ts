import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import { RoundStatuses } from '#enums/fast_stream'

export type RoundMatched = { type: 'round_matched' }

/*
 * Whether a round's placements, their review and their rankings may still
 * change: until the round is matched (while it is open, or closed to
 * preferences).
 */
export function beforeMatch(round: PlacementRound) {
  return round.status === RoundStatuses.Open || round.status === RoundStatuses.Closed
}

/*
 * Runs `work` in a transaction on the placement as it is now, its row
 * locked against other changes, while its round is not yet matched.
 */
export async function changePlacementBeforeMatch<T>(
  placement: Placement,
  work: (current: Placement, trx: TransactionClientContract, round: PlacementRound) => Promise<T>
): Promise<T | RoundMatched> {
  return db.transaction(async (trx): Promise<T | RoundMatched> => {
    const current = await Placement.query({ client: trx })
      .where('id', placement.id)
      .forUpdate()
      .firstOrFail()
    const round = await PlacementRound.query({ client: trx })
      .where('id', current.roundId)
      .firstOrFail()
    if (!beforeMatch(round)) return { type: 'round_matched' }
    return work(current, trx, round)
  })
}
