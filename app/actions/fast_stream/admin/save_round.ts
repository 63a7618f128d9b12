import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import PlacementRound from '#models/placement_round'
import { orOnDuplicate } from '#services/database_errors'
import { RoundStatuses } from '#enums/fast_stream'
import { nameTaken } from '#actions/fast_stream/admin/save_scheme'

export type RoundInput = {
  name: string
  placementsOpenAt: DateTime
  preferencesOpenAt: DateTime
  preferencesCloseAt: DateTime
  resultsAt: DateTime
  /* The calendar day the next round starts, if known. */
  nextRoundOn: DateTime | null
  maxPreferences: number
  excludePreviousDepartments: boolean
  enforceDigital: boolean
}

export type RoundDateField =
  'preferencesOpenAt' | 'preferencesCloseAt' | 'resultsAt' | 'nextRoundOn'

export type SaveRoundResult =
  | { type: 'saved'; round: PlacementRound }
  | { type: 'name_taken' }
  | { type: 'dates_out_of_order'; field: RoundDateField }
  | { type: 'round_matched' }

/*
 * The first of the round's dates that is out of order, or null: teams offer
 * before (or while) entrants choose, choices close after they open,
 * results come after choices close, and the next round starts after the
 * results day.
 */
export function datesOutOfOrder(input: RoundInput, zone: string): RoundDateField | null {
  if (input.preferencesOpenAt < input.placementsOpenAt) return 'preferencesOpenAt'
  if (input.preferencesCloseAt <= input.preferencesOpenAt) return 'preferencesCloseAt'
  if (input.resultsAt <= input.preferencesCloseAt) return 'resultsAt'
  if (input.nextRoundOn) {
    const resultsDay = input.resultsAt.setZone(zone).toISODate()!
    if (input.nextRoundOn.toISODate()! <= resultsDay) return 'nextRoundOn'
  }
  return null
}

/*
 * Adds a placement round (open from the start) or changes one's name,
 * dates, choice limit and rules. A round that is matched or published no
 * longer changes: its result was worked out under these rules.
 */
export async function saveRound(
  input: RoundInput,
  zone: string,
  existing?: PlacementRound
): Promise<SaveRoundResult> {
  if (
    existing &&
    existing.status !== RoundStatuses.Open &&
    existing.status !== RoundStatuses.Closed
  ) {
    return { type: 'round_matched' }
  }
  const field = datesOutOfOrder(input, zone)
  if (field) return { type: 'dates_out_of_order', field }
  return orOnDuplicate(
    () =>
      db.transaction(async (trx) => {
        const name = input.name.trim()
        if (await nameTaken(trx, 'placement_rounds', name, existing?.id)) {
          return { type: 'name_taken' as const }
        }
        const round = existing ?? new PlacementRound()
        round.useTransaction(trx)
        round.merge({
          name,
          status: existing?.status ?? RoundStatuses.Open,
          placementsOpenAt: input.placementsOpenAt,
          preferencesOpenAt: input.preferencesOpenAt,
          preferencesCloseAt: input.preferencesCloseAt,
          resultsAt: input.resultsAt,
          nextRoundOn: input.nextRoundOn,
          maxPreferences: input.maxPreferences,
          excludePreviousDepartments: input.excludePreviousDepartments,
          enforceDigital: input.enforceDigital,
        })
        await round.save()
        return { type: 'saved' as const, round }
      }),
    { type: 'name_taken' as const }
  )
}
