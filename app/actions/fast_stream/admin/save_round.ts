import { type DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PlacementRound from '#models/placement_round'
import { transactionUnlessDuplicate } from '#actions/transactions'
import { PlacementStatuses, RoundStatuses } from '#enums/fast_stream'
import { nameTaken } from '#actions/name_clash'
import { addMonths } from '#domain/fast_stream/postings'
import { dateFromSql } from '#domain/shared/uk_time'
import type { Programme } from '#domain/fast_stream/programmes'

/* The longest a round's posting window may be: postings last six months, and the next round follows. */
export const POSTING_WINDOW_MAX_MONTHS = 12

export type RoundInput = {
  name: string
  /* Only when adding: whose participants the round places, the Fast Stream unless given. */
  programme?: Programme
  placementsOpenAt: DateTime
  preferencesOpenAt: DateTime
  preferencesCloseAt: DateTime
  resultsAt: DateTime
  /* The calendar day the next round starts, if known. */
  nextRoundOn: DateTime | null
  /* The round's posting window: the first day of its postings, and the day they end. */
  postingStartsOn: DateTime
  postingEndsOn: DateTime
  maxPreferences: number
  excludePreviousDepartments: boolean
  enforceDigital: boolean
}

export type RoundDateField =
  | 'preferencesOpenAt'
  | 'preferencesCloseAt'
  | 'resultsAt'
  | 'nextRoundOn'
  | 'postingStartsOn'
  | 'postingEndsOn'
  | 'postingWindowLength'

/* A placement of the round that starts outside the posting window asked for. */
export type PlacementOutside = { title: string; startsOn: DateTime }

export type SaveRoundResult =
  | { type: 'saved'; round: PlacementRound }
  | { type: 'name_taken' }
  | { type: 'dates_out_of_order'; field: RoundDateField }
  | { type: 'placements_outside_window'; count: number; first: PlacementOutside }
  | { type: 'round_matched' }

/*
 * The first of the round's dates that is out of order, or null: teams offer
 * before (or while) entrants choose, choices close after they open,
 * results come after choices close, the next round starts after the
 * results day, and postings start after the results day and end after
 * they start, within POSTING_WINDOW_MAX_MONTHS (`postingWindowLength`).
 */
export function datesOutOfOrder(input: RoundInput, zone: string): RoundDateField | null {
  if (input.preferencesOpenAt < input.placementsOpenAt) return 'preferencesOpenAt'
  if (input.preferencesCloseAt <= input.preferencesOpenAt) return 'preferencesCloseAt'
  if (input.resultsAt <= input.preferencesCloseAt) return 'resultsAt'
  const resultsDay = input.resultsAt.setZone(zone).toISODate()!
  if (input.nextRoundOn && input.nextRoundOn.toISODate()! <= resultsDay) return 'nextRoundOn'
  const postingsStart = input.postingStartsOn.toISODate()!
  const postingsEnd = input.postingEndsOn.toISODate()!
  if (postingsStart <= resultsDay) return 'postingStartsOn'
  if (postingsEnd <= postingsStart) return 'postingEndsOn'
  if (postingsEnd > addMonths(postingsStart, POSTING_WINDOW_MAX_MONTHS)) {
    return 'postingWindowLength'
  }
  return null
}

/*
 * Adds a placement round (open from the start) of the Fast Stream or the
 * Future Leaders Scheme, or changes one's name, dates, choice limit and
 * rules; its programme does not change. A round that is matched or published no
 * longer changes: its result was worked out under these rules. The
 * posting window must hold the start of every placement still offered
 * or approved in the round.
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
  return transactionUnlessDuplicate({ type: 'name_taken' as const }, async (trx) => {
    const name = input.name.trim()
    if (await nameTaken(trx.from('placement_rounds'), name, existing?.id)) {
      return { type: 'name_taken' as const }
    }
    if (existing) {
      const outside = await placementsOutside(trx, existing.id, input)
      if (outside) return outside
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
      postingStartsOn: input.postingStartsOn,
      postingEndsOn: input.postingEndsOn,
      maxPreferences: input.maxPreferences,
      excludePreviousDepartments: input.excludePreviousDepartments,
      enforceDigital: input.enforceDigital,
    })
    if (!existing) round.programme = input.programme ?? 'fast_stream'
    await round.save()
    return { type: 'saved' as const, round }
  })
}

/* The round's live placements that start outside the window asked for: how many, and the first. */
async function placementsOutside(
  trx: TransactionClientContract,
  roundId: number,
  input: RoundInput
) {
  const outside = () =>
    trx
      .from('placements')
      .where('round_id', roundId)
      .whereIn('status', [PlacementStatuses.Offered, PlacementStatuses.Approved])
      .where((where) =>
        where
          .where('starts_on', '<', input.postingStartsOn.toISODate()!)
          .orWhere('starts_on', '>=', input.postingEndsOn.toISODate()!)
      )
  const counted = await outside().count('* as total').first()
  const count = Number(counted?.total ?? 0)
  if (!count) return null
  const first = await outside()
    .orderBy('starts_on')
    .orderBy('id')
    .select('title', 'starts_on')
    .first()
  return {
    type: 'placements_outside_window' as const,
    count,
    first: { title: String(first.title), startsOn: dateFromSql(first.starts_on)! },
  }
}
