import { DateTime } from 'luxon'
import { counted } from '#domain/shared/wording'
import db from '@adonisjs/lucid/services/db'
import PlacementRound from '#models/placement_round'
import type PlacementShortlist from '#models/placement_shortlist'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import { PlacementStatuses, placementStatusLabels, type PlacementStatus } from '#enums/fast_stream'
import { preferencesClosedReason } from '#queries/fast_stream/shortlist_query'
import {
  changeShortlist,
  writeRanking,
  type RoundNotFound,
  type ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'

export type PreferenceError = { field: string; message: string; rule: string }

export type ReplacePreferencesResult =
  | {
      type: 'saved'
      round: PlacementRound
      shortlist: PlacementShortlist | null
      ranked: number[]
    }
  | { type: 'invalid'; errors: PreferenceError[] }
  | ShortlistClosed
  | RoundNotFound

/* Each problem with a proposed list, against the entry it is about. */
async function problemsWith(round: PlacementRound, placementIds: number[], submit: boolean) {
  const errors: PreferenceError[] = []
  if (placementIds.length > round.maxPreferences) {
    errors.push({
      field: 'placements',
      rule: 'maxLength',
      message: `List at most ${counted(round.maxPreferences, 'placement')}: that is as many choices as ${round.name} takes`,
    })
  }
  if (submit && !placementIds.length) {
    errors.push({
      field: 'placements',
      rule: 'required',
      message: 'List at least one placement to submit your choices',
    })
  }
  const found = placementIds.length
    ? await db
        .from('placements')
        .whereIn('id', [...new Set(placementIds)])
        .select('id', 'round_id', 'status')
    : []
  const byId = new Map(found.map((row) => [Number(row.id), row]))
  const firstAt = new Map<number, number>()
  placementIds.forEach((id, index) => {
    const field = `placements.${index}`
    const earlier = firstAt.get(id)
    if (earlier !== undefined) {
      errors.push({
        field,
        rule: 'distinct',
        message: `Placement ${id} is listed more than once: it is already choice ${earlier + 1}`,
      })
      return
    }
    firstAt.set(id, index)
    const row = byId.get(id)
    if (!row) {
      errors.push({ field, rule: 'exists', message: `There is no placement ${id}` })
    } else if (Number(row.round_id) !== round.id) {
      errors.push({
        field,
        rule: 'round',
        message: `Placement ${id} is not offered in ${round.name}`,
      })
    } else if (row.status !== PlacementStatuses.Approved) {
      const status = placementStatusLabels[row.status as PlacementStatus] ?? row.status
      errors.push({
        field,
        rule: 'approved',
        message: `Placement ${id} is not open to choices: its status is ${status.toLowerCase()}`,
      })
    }
  })
  return errors
}

/*
 * An entrant (through the API) replaces their whole list for a round,
 * best first, and may submit it. Every entry must be an approved placement
 * of the round, listed once, and the list no longer than the round allows;
 * otherwise nothing changes and each problem is named. Saving without
 * submitting leaves a submitted list submitted.
 */
export async function replacePreferences(
  entrant: FastStreamEntrant,
  roundId: number,
  placementIds: number[],
  options: { submit?: boolean; now?: DateTime<true> } = {}
): Promise<ReplacePreferencesResult> {
  const now = options.now ?? DateTime.now()
  const submit = options.submit ?? false
  const round = await PlacementRound.find(roundId)
  if (!round) return { type: 'round_not_found' }
  const reason = preferencesClosedReason(round, now)
  if (reason) return { type: 'closed', reason, round }
  const errors = await problemsWith(round, placementIds, submit)
  if (errors.length) return { type: 'invalid', errors }

  return changeShortlist(
    round.id,
    entrant,
    { create: placementIds.length > 0, now },
    async ({ trx, round: locked, shortlist, ranked }): Promise<ReplacePreferencesResult> => {
      if (shortlist) {
        await writeRanking(trx, shortlist, ranked, placementIds)
        if (submit && !shortlist.submittedAt) {
          shortlist.useTransaction(trx)
          shortlist.submittedAt = now
          await shortlist.save()
        }
      }
      return { type: 'saved', round: locked, shortlist, ranked: placementIds }
    }
  )
}
