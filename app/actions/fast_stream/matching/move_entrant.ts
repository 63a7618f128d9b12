import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import PlacementRound from '#models/placement_round'
import PlacementMatch from '#models/placement_match'
import type User from '#models/user'
import { PlacementStatuses } from '#enums/fast_stream'
import {
  buildRoundInput,
  entrantKey,
  idOfKey,
  placementKey,
} from '#queries/fast_stream/round_input_query'
import { countBlockingPairs } from '#domain/fast_stream/matching_engine'
import { matchState } from '#actions/fast_stream/matching/run_match'
import { REMOVED_BY_HAND } from '#queries/fast_stream/match_results_query'
import {
  departmentNamesByCode,
  overlappingPostings,
  withDepartmentNames,
  type OverlappingPosting,
} from '#queries/fast_stream/entrant_query'

/* How many of the blocking pairs a move creates are named on the page. */
export const MOVE_CHECK_PAIRS_SHOWN = 20

export type MoveCheck = {
  /* Blocking pairs in the result as it stands, and after the move. */
  before: number
  after: number
  /* after − before: how many blocking pairs the move creates (negative when it removes some). */
  created: number
  /* The blocking pairs the move creates, named (the first MOVE_CHECK_PAIRS_SHOWN of them). */
  newPairs: Array<{ entrant: string; placement: string }>
  /* Placements that would hold more entrants than their capacity. */
  overCapacity: Array<{ placement: string; assigned: number; capacity: number }>
  /* Why the entrant could not have been matched to the placement they are moved to. */
  unacceptable: string[]
  /* Where the placement is in the entrant's own list (1 = first choice), or null. */
  choice: number | null
}

/* The entrant has an earlier posting that overlaps the round's postings: a placement would double it. */
export type PostingOverlap = { type: 'posting_overlap'; posting: OverlappingPosting }

export type CheckMoveResult =
  | { type: 'checked'; check: MoveCheck }
  | { type: 'placement_not_found' }
  | { type: 'unchanged' }
  | PostingOverlap

export type MoveEntrantResult =
  | { type: 'moved'; match: PlacementMatch }
  | { type: 'not_adjustable' }
  | { type: 'match_not_found' }
  | { type: 'placement_not_found' }
  | { type: 'unchanged' }
  | PostingOverlap

/* The match as it is now: its entrant and placement ids. */
type CurrentMatch = { entrantId: number; placementId: number | null }

/*
 * What moving one entrant would do to the round's result, before anyone
 * saves it: the blocking pairs it creates (an entrant and a placement who
 * would both rather have each other than what they have), placements it
 * puts over capacity, and whether the entrant could have been matched to
 * the placement at all. A placement for an entrant whose earlier posting
 * overlaps the round's postings is refused outright.
 */
export async function checkMove(
  round: PlacementRound,
  match: CurrentMatch,
  placementId: number | null
): Promise<CheckMoveResult> {
  if (placementId !== null && !(await isApprovedPlacement(db.connection(), round, placementId))) {
    return { type: 'placement_not_found' }
  }
  if (placementId === match.placementId) return { type: 'unchanged' }
  if (placementId !== null) {
    const overlaps = await overlappingPostings(round, [match.entrantId])
    const overlap = overlaps.get(match.entrantId)
    if (overlap) return { type: 'posting_overlap', posting: overlap }
  }

  const input = await buildRoundInput(round)
  const current = await currentAssignment(round)
  const key = entrantKey(match.entrantId)
  const moved = new Map(current)
  moved.set(key, placementId === null ? null : placementKey(placementId))

  const before = countBlockingPairs(input, current)
  const after = countBlockingPairs(input, moved)
  const existing = new Set(before.pairs.map((pair) => `${pair.entrant} ${pair.placement}`))
  const created = after.pairs
    .filter((pair) => !existing.has(`${pair.entrant} ${pair.placement}`))
    .slice(0, MOVE_CHECK_PAIRS_SHOWN)

  const names = await entrantNames(created.map((pair) => idOfKey(pair.entrant)))
  const titles = await placementTitles(round)
  const departments = await departmentNamesByCode()
  const title = (placement: string) => titles.get(idOfKey(placement)) ?? placement
  const entrant = input.entrants.find((candidate) => candidate.id === key)
  const position =
    placementId === null ? -1 : (entrant?.preferences.indexOf(placementKey(placementId)) ?? -1)

  return {
    type: 'checked',
    check: {
      before: before.count,
      after: after.count,
      created: after.count - before.count,
      newPairs: created.map((pair) => ({
        entrant: names.get(idOfKey(pair.entrant)) ?? pair.entrant,
        placement: title(pair.placement),
      })),
      overCapacity: after.overCapacity.map((item) => ({
        ...item,
        placement: title(item.placement),
      })),
      unacceptable: after.unacceptable
        .filter((item) => item.entrant === key)
        .map((item) => withDepartmentNames(item.reason, departments)),
      choice: position >= 0 ? position + 1 : null,
    },
  }
}

/*
 * Moves an entrant to another approved placement of the round, or to none,
 * while the result is unpublished, for the reason given. Never into a
 * placement when an earlier posting of theirs overlaps the round's
 * postings. The match records who moved them, when and why, and its change
 * (placement and reason before and after) is audited.
 */
export async function moveEntrant(
  round: PlacementRound,
  matchId: number,
  placementId: number | null,
  reason: string,
  actor: User
): Promise<MoveEntrantResult> {
  return db.transaction(async (trx) => {
    const locked = await PlacementRound.query({ client: trx })
      .where('id', round.id)
      .forUpdate()
      .firstOrFail()
    if (matchState(locked) !== 'matched') return { type: 'not_adjustable' as const }
    const match = await PlacementMatch.query({ client: trx })
      .where('id', matchId)
      .where('round_id', round.id)
      .forUpdate()
      .first()
    if (!match) return { type: 'match_not_found' as const }
    if (placementId !== null && !(await isApprovedPlacement(trx, round, placementId))) {
      return { type: 'placement_not_found' as const }
    }
    if (placementId === match.placementId) return { type: 'unchanged' as const }
    if (placementId !== null) {
      const overlaps = await overlappingPostings(locked, [match.entrantId], trx)
      const overlap = overlaps.get(match.entrantId)
      if (overlap) return { type: 'posting_overlap' as const, posting: overlap }
    }

    const ranked = await trx
      .from('placement_preferences as pp')
      .join('placement_shortlists as s', 's.id', 'pp.shortlist_id')
      .join('placements as p', 'p.id', 'pp.placement_id')
      .where('s.round_id', round.id)
      .where('s.entrant_id', match.entrantId)
      .whereNotNull('s.submitted_at')
      .where('p.round_id', round.id)
      .where('p.status', PlacementStatuses.Approved)
      .orderBy('pp.rank')
      .select('pp.placement_id')
    const position = ranked.findIndex((row) => Number(row.placement_id) === placementId)

    match.useTransaction(trx)
    match.merge({
      placementId,
      choice: placementId !== null && position >= 0 ? position + 1 : null,
      unmatchedCode: placementId === null ? REMOVED_BY_HAND : null,
      unmatchedReason:
        placementId === null ? 'Moved out of their placement by the Fast Stream team.' : null,
      adjustedBy: actor.id,
      adjustedAt: DateTime.utc(),
      adjustedReason: reason.trim(),
    })
    await match.save()
    return { type: 'moved' as const, match }
  })
}

/* The round's result as it stands, hand moves included: entrant key → placement key or null. */
async function currentAssignment(round: PlacementRound) {
  const assignment = new Map<string, string | null>()
  const rows = await db
    .from('placement_matches')
    .where('round_id', round.id)
    .select('entrant_id', 'placement_id')
  for (const row of rows) {
    assignment.set(
      entrantKey(Number(row.entrant_id)),
      row.placement_id === null ? null : placementKey(Number(row.placement_id))
    )
  }
  return assignment
}

/* How many blocking pairs the round's current result has: none until someone moves an entrant. */
export async function resultBlockingPairs(round: PlacementRound) {
  const input = await buildRoundInput(round)
  return countBlockingPairs(input, await currentAssignment(round)).count
}

async function isApprovedPlacement(
  client: QueryClientContract,
  round: PlacementRound,
  placementId: number
) {
  const row = await client
    .from('placements')
    .where('id', placementId)
    .where('round_id', round.id)
    .where('status', PlacementStatuses.Approved)
    .select('id')
    .first()
  return Boolean(row)
}

async function entrantNames(entrantIds: number[]) {
  const names = new Map<number, string>()
  if (!entrantIds.length) return names
  const rows = await db
    .from('fast_stream_entrants as e')
    .join('users as u', 'u.id', 'e.user_id')
    .whereIn('e.id', [...new Set(entrantIds)])
    .select('e.id', 'u.full_name')
  for (const row of rows) names.set(Number(row.id), String(row.full_name))
  return names
}

async function placementTitles(round: PlacementRound) {
  const rows = await db.from('placements').where('round_id', round.id).select('id', 'title')
  return new Map(rows.map((row) => [Number(row.id), String(row.title)]))
}
