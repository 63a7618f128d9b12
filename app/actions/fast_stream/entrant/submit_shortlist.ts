import { DateTime } from 'luxon'
import type PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import {
  changeShortlist,
  type RoundNotFound,
  type ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'

export type SubmitShortlistResult =
  | { type: 'submitted'; round: PlacementRound; submittedAt: DateTime; count: number }
  | { type: 'already_submitted'; round: PlacementRound; submittedAt: DateTime }
  | { type: 'empty'; round: PlacementRound }
  | ShortlistClosed
  | RoundNotFound

/*
 * An entrant submits their list before the deadline. A submitted list stays
 * submitted while they go on changing it until the deadline; the time of
 * the first submission is kept (teams' unranked applicants are ordered by it).
 */
export async function submitShortlist(
  entrant: FastStreamEntrant,
  roundId: number,
  now = DateTime.now()
): Promise<SubmitShortlistResult> {
  return changeShortlist(
    roundId,
    entrant,
    { create: false, now },
    async ({ trx, round, shortlist, ranked }): Promise<SubmitShortlistResult> => {
      if (!shortlist || !ranked.length) return { type: 'empty', round }
      if (shortlist.submittedAt) {
        return { type: 'already_submitted', round, submittedAt: shortlist.submittedAt }
      }
      shortlist.useTransaction(trx)
      shortlist.submittedAt = now
      await shortlist.save()
      return { type: 'submitted', round, submittedAt: now, count: ranked.length }
    }
  )
}
