import type { DateTime } from 'luxon'
import type PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import {
  changeShortlist,
  writeRanking,
  type RoundNotFound,
  type ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'

export type ReorderShortlistResult =
  | { type: 'reordered'; round: PlacementRound; ranked: number[] }
  | { type: 'list_changed'; round: PlacementRound }
  | ShortlistClosed
  | RoundNotFound

/*
 * An entrant puts the placements already on their list in a new order (as
 * a drag and drop leaves it). The order must hold exactly the placements on
 * the list: one sent from a page that is out of date changes nothing.
 */
export async function reorderShortlist(
  entrant: FastStreamEntrant,
  roundId: number,
  order: number[],
  now?: DateTime<true>
): Promise<ReorderShortlistResult> {
  return changeShortlist(
    roundId,
    entrant,
    { create: false, now },
    async ({ trx, round, shortlist, ranked }): Promise<ReorderShortlistResult> => {
      const sameSet =
        order.length === ranked.length &&
        new Set(order).size === order.length &&
        order.every((id) => ranked.includes(id))
      if (!shortlist || !sameSet) return { type: 'list_changed', round }
      await writeRanking(trx, shortlist, ranked, order)
      return { type: 'reordered', round, ranked: order }
    }
  )
}
