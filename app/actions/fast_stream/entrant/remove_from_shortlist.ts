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

export type RemoveFromShortlistResult =
  | { type: 'removed'; placement: Placement; round: PlacementRound; unsubmitted: boolean }
  | PlacementNotListed
  | PlacementNotFound
  | ShortlistClosed

/*
 * An entrant takes a placement off their list; the ones below it move up.
 * Works for placements withdrawn since they were added, too.
 */
export async function removeFromShortlist(
  entrant: FastStreamEntrant,
  placementId: number,
  now?: DateTime<true>
): Promise<RemoveFromShortlistResult> {
  return changeListedPlacement(
    entrant,
    placementId,
    now,
    async ({ trx, round, shortlist, ranked, placement }): Promise<RemoveFromShortlistResult> => {
      const wasSubmitted = shortlist.submittedAt !== null
      await writeRanking(
        trx,
        shortlist,
        ranked,
        ranked.filter((id) => id !== placement.id)
      )
      return {
        type: 'removed',
        placement,
        round,
        unsubmitted: wasSubmitted && shortlist.submittedAt === null,
      }
    }
  )
}
