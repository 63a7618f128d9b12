import type { DateTime } from 'luxon'
import Placement from '#models/placement'
import type PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import {
  changeShortlist,
  writeRanking,
  type ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'

export type RemoveFromShortlistResult =
  | { type: 'removed'; placement: Placement; round: PlacementRound; unsubmitted: boolean }
  | { type: 'not_listed'; placement: Placement }
  | { type: 'placement_not_found' }
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
  const placement = await Placement.find(placementId)
  if (!placement) return { type: 'placement_not_found' }

  const result = await changeShortlist(
    placement.roundId,
    entrant,
    { create: false, now },
    async ({ trx, round, shortlist, ranked }): Promise<RemoveFromShortlistResult> => {
      if (!shortlist || !ranked.includes(placement.id)) return { type: 'not_listed', placement }
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
  return result.type === 'round_not_found' ? { type: 'placement_not_found' } : result
}
