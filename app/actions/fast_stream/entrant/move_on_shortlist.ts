import type { DateTime } from 'luxon'
import type Placement from '#models/placement'
import type PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import {
  changeListedPlacement,
  writeRanking,
  type PlacementNotFound,
  type PlacementNotListed,
  type ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'

export type MoveDirection = 'up' | 'down'

export type MoveOnShortlistResult =
  | { type: 'moved'; placement: Placement; rank: number; round: PlacementRound }
  | { type: 'at_top' | 'at_bottom'; placement: Placement; round: PlacementRound }
  | PlacementNotListed
  | PlacementNotFound
  | ShortlistClosed

/* An entrant moves one placement up (towards first choice) or down their list by one place. */
export async function moveOnShortlist(
  entrant: FastStreamEntrant,
  placementId: number,
  direction: MoveDirection,
  now?: DateTime<true>
): Promise<MoveOnShortlistResult> {
  return changeListedPlacement(
    entrant,
    placementId,
    now,
    async ({ trx, round, shortlist, ranked, placement, at }): Promise<MoveOnShortlistResult> => {
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
}
