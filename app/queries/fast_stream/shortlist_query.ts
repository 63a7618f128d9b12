import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import PlacementShortlist from '#models/placement_shortlist'
import type PlacementRound from '#models/placement_round'
import { PlacementStatuses } from '#enums/fast_stream'
import {
  eligibilityFor,
  placementBase,
  toPlacementRow,
  withColumns,
  withSkills,
  type Ineligible,
  type PlacementRow,
} from '#queries/fast_stream/placement_search_query'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'

/*
 * Reads of an entrant's shortlist: their ranked placements for a round,
 * each with whether it can still be matched, and the state of the list.
 */

export type ShortlistEntry = PlacementRow & {
  rank: number
  /* Why the rules of the round keep the entrant out of it; null when they do not. */
  ineligible: Ineligible | null
  /* Still approved: a withdrawn or rejected placement stays on the list but cannot be matched. */
  offered: boolean
}

/* "10 Mar 2014 at 17:00" in UK time, as the pages' formatDateTime shows it. */
export function ukDateTime(value: DateTime) {
  return value.setZone(UK_ZONE).toFormat(UkFormats.dateTime)
}

/* Why choices cannot change now, or null while they can. */
export type ClosedReason = 'round_not_open' | 'not_yet_open' | 'deadline_passed'

export function preferencesClosedReason(
  round: PlacementRound,
  now = DateTime.now()
): ClosedReason | null {
  if (round.preferencesOpen(now)) return null
  if (round.status !== 'open') return 'round_not_open'
  if (now < round.preferencesOpenAt) return 'not_yet_open'
  return 'deadline_passed'
}

/* What the entrant is told when their list cannot change. */
export function describeClosed(reason: ClosedReason, round: PlacementRound) {
  switch (reason) {
    case 'round_not_open':
      return `Choices for ${round.name} have closed, so your shortlist can no longer change`
    case 'not_yet_open':
      return `You can choose placements for ${round.name} from ${ukDateTime(round.preferencesOpenAt)} (UK time)`
    case 'deadline_passed':
      return `The deadline for choices in ${round.name} was ${ukDateTime(round.preferencesCloseAt)} (UK time), so your shortlist can no longer change`
  }
}

/* The entrant's shortlist for the round, or null before they add anything. */
export async function shortlistFor(roundId: number, entrantId: number) {
  return PlacementShortlist.query()
    .where('round_id', roundId)
    .where('entrant_id', entrantId)
    .first()
}

/* How many placements are on a shortlist, counted in the database. */
export async function shortlistSize(shortlistId: number) {
  const [row] = await db
    .from('placement_preferences')
    .where('shortlist_id', shortlistId)
    .count('* as total')
  return Number(row.total)
}

/*
 * The placements on a shortlist, best first, with their details and, for
 * the entrant, whether the rules of the round let them take each.
 */
export async function shortlistEntries(
  round: PlacementRound,
  shortlist: PlacementShortlist | null
): Promise<ShortlistEntry[]> {
  if (!shortlist) return []
  const rows = await withColumns(
    placementBase().whereIn(
      'p.id',
      db.from('placement_preferences').where('shortlist_id', shortlist.id).select('placement_id')
    ),
    shortlist.id
  ).orderBy('pp.rank', 'asc')
  const placements = await withSkills(rows.map(toPlacementRow))
  const eligibility = await eligibilityFor(round, shortlist.entrantId, placements)
  return placements.map((placement) => ({
    ...placement,
    rank: placement.shortlistRank ?? 0,
    ineligible: eligibility.get(placement.id) ?? null,
    offered: placement.status === PlacementStatuses.Approved,
  }))
}

/* The entrant's list for the round in full: the list, its entries, and whether it can change. */
export async function shortlistOverview(round: PlacementRound, entrantId: number) {
  const shortlist = await shortlistFor(round.id, entrantId)
  const entries = await shortlistEntries(round, shortlist)
  const closed = preferencesClosedReason(round)
  return {
    round,
    shortlist,
    entries,
    closed,
    submittedAt: shortlist?.submittedAt ?? null,
    full: entries.length >= round.maxPreferences,
  }
}
