import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import PlacementRound from '#models/placement_round'
import { RoundStatuses } from '#enums/fast_stream'

export type ClosePreferencesResult =
  | { type: 'closed'; round: PlacementRound; early: boolean }
  | { type: 'not_open' }
  | { type: 'needs_confirmation' }

/*
 * Closes a round to entrants' choices so it can be matched: once its
 * closing time has passed, or earlier when the Fast Stream team confirms
 * it. The round's row is locked so two admins closing at once close it once.
 */
export async function closePreferences(
  round: PlacementRound,
  confirmEarly: boolean,
  now = DateTime.now()
): Promise<ClosePreferencesResult> {
  return db.transaction(async (trx) => {
    const current = await PlacementRound.query({ client: trx })
      .where('id', round.id)
      .forUpdate()
      .firstOrFail()
    if (current.status !== RoundStatuses.Open) return { type: 'not_open' as const }
    const early = now < current.preferencesCloseAt
    if (early && !confirmEarly) return { type: 'needs_confirmation' as const }
    current.status = RoundStatuses.Closed
    await current.save()
    return { type: 'closed' as const, round: current, early }
  })
}
