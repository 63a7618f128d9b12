import type { DateTime } from 'luxon'
import Placement from '#models/placement'
import type PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import {
  changeShortlist,
  writeRanking,
  type ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'

export type MoveDirection = 'up' | 'down'

export type MoveOnShortlistResult =
  | { type: 'moved'; placement: Placement; rank: number; round: PlacementRound }
  | { type: 'at_top' | 'at_bottom'; placement: Placement; round: PlacementRound }
  | { type: 'not_listed'; placement: Placement }
  | { type: 'placement_not_found' }
  | ShortlistClosed

/* An entrant moves one placement up (towards first choice) or down their list by one place. */
export async function moveOnShortlist(
  entrant: FastStreamEntrant,
  placementId: number,
  direction: MoveDirection,
  now?: DateTime<true>
): Promise<MoveOnShortlistResult> {
  const placement = await Placement.find(placementId)
  if (!placement) return { type: 'placement_not_found' }

  const result = await changeShortlist(
    placement.roundId,
    entrant,
    { create: false, now },
    async ({ trx, round, shortlist, ranked }): Promise<MoveOnShortlistResult> => {
      const at = ranked.indexOf(placement.id)
      if (!shortlist || at < 0) return { type: 'not_listed', placement }
      const to = direction === 'up' ? at - 1 : at + 1
      if (to < 0) return { type: 'at_top', placement, round }
      if (to >= ranked.length) return { type: 'at_bottom', placement, round }
      const reordered = [...ranked]
      reordered[at] = ranked[to]
      reordered[to] = placement.id
      await writeRanking(trx, shortlist, ranked, reordered)
      return { type: 'moved', placement, rank: to + 1, round }
    }
  )
  return result.type === 'round_not_found' ? { type: 'placement_not_found' } : result
}
