import type { DateTime } from 'luxon'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import { PlacementStatuses } from '#enums/fast_stream'
import { entrantsCanSee } from '#queries/fast_stream/placement_search_query'
import { programmeOf } from '#queries/fast_stream/entrant_query'
import {
  changeShortlist,
  writeRanking,
  type PlacementNotFound,
  type ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'

export type AddToShortlistResult =
  | { type: 'added'; placement: Placement; rank: number; round: PlacementRound }
  | { type: 'already_listed'; placement: Placement; rank: number }
  | { type: 'full'; placement: Placement; max: number }
  | PlacementNotFound
  | ShortlistClosed

/*
 * An entrant adds an approved placement of an open round to the foot of
 * their list for that round, up to the round's limit. Placements the rules
 * keep them from may be added: the list shows why they will not be matched.
 */
export async function addToShortlist(
  entrant: FastStreamEntrant,
  placementId: number,
  now?: DateTime<true>
): Promise<AddToShortlistResult> {
  const placement = await Placement.find(placementId)
  if (!placement || placement.status !== PlacementStatuses.Approved) {
    return { type: 'placement_not_found' }
  }
  const round = await PlacementRound.find(placement.roundId)
  if (!round || !entrantsCanSee(round, await programmeOf(entrant))) {
    return { type: 'placement_not_found' }
  }

  const result = await changeShortlist(
    placement.roundId,
    entrant,
    { create: true, now },
    async ({ trx, round: locked, shortlist, ranked }): Promise<AddToShortlistResult> => {
      const at = ranked.indexOf(placement.id)
      if (at >= 0) return { type: 'already_listed', placement, rank: at + 1 }
      if (ranked.length >= locked.maxPreferences) {
        return { type: 'full', placement, max: locked.maxPreferences }
      }
      await writeRanking(trx, shortlist!, ranked, [...ranked, placement.id])
      return { type: 'added', placement, rank: ranked.length + 1, round: locked }
    }
  )
  return result.type === 'round_not_found' ? { type: 'placement_not_found' } : result
}
