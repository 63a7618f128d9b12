import db from '@adonisjs/lucid/services/db'
import type PlacementRound from '#models/placement_round'
import { PlacementStatuses } from '#enums/fast_stream'
import {
  departmentsOf,
  entrantFacts,
  type OverlappingPosting,
} from '#queries/fast_stream/entrant_query'
import { applicationsQuery, inTeamOrder } from '#queries/fast_stream/team_applicants_query'
import type { Clearance, Entrant, Placement, RoundInput } from '#domain/fast_stream/round'

/* How an entrant is named in the engine's input: `e` and their id. */
export function entrantKey(entrantId: number) {
  return `e${entrantId}`
}

/* How a placement is named in the engine's input: `p` and its id. */
export function placementKey(placementId: number) {
  return `p${placementId}`
}

/* The database id behind an engine key (`e12` → 12). */
export function idOfKey(key: string) {
  return Number(key.slice(1))
}

/*
 * The round as the matching engine sees it, read from the database.
 * Entrants are those who submitted their shortlist, each with the round's
 * approved placements they ranked, in their order. Placements are the
 * round's approved ones; each lists every entrant who chose it in the
 * team's order of its applicants (`inTeamOrder`: those it ranked first).
 * So every applicant has a place in the team's list, and the same data
 * always gives the same input. Six queries whatever the size of the round
 * (plus the chunked reads of the entrants' histories). Entrants whose
 * earlier postings run into the round's posting window are left out.
 */
export async function buildRoundInput(round: PlacementRound): Promise<RoundInput> {
  const { input } = await readRound(round)
  return input
}

/*
 * The round's input for the engine, and the entrants who submitted a list
 * but are left out of it because an earlier posting of theirs runs into
 * the round's posting window (with that posting).
 */
export async function readRound(
  round: PlacementRound
): Promise<{ input: RoundInput; leftOut: Map<number, OverlappingPosting> }> {
  const placementRows = await db
    .from('placements')
    .where('round_id', round.id)
    .where('status', PlacementStatuses.Approved)
    .orderBy('id')
    .select('id', 'organisation_id', 'capacity', 'clearance_required', 'is_digital')

  const entrantRows = await db
    .from('placement_shortlists')
    .where('round_id', round.id)
    .whereNotNull('submitted_at')
    .orderBy('entrant_id')
    .select('entrant_id')

  // Every application to an approved placement, grouped by placement in the team's order of its applicants.
  const choiceRows = await inTeamOrder(
    applicationsQuery()
      .where('sl.round_id', round.id)
      .where('p.round_id', round.id)
      .where('p.status', PlacementStatuses.Approved)
      .select('pp.placement_id', 'sl.entrant_id', 'pp.rank')
      .orderBy('pp.placement_id')
  )

  const submitted = entrantRows.map((row) => Number(row.entrant_id))
  const facts = await entrantFacts(round, submitted)
  const leftOut = new Map<number, OverlappingPosting>()
  for (const [entrantId, fact] of facts) {
    if (fact.overlappingPosting) leftOut.set(entrantId, fact.overlappingPosting)
  }
  const entrantIds = submitted.filter((entrantId) => !leftOut.has(entrantId))
  const departments = await departmentsOf(placementRows.map((row) => Number(row.organisation_id)))

  const teamOrder = new Map<number, string[]>()
  const choices = new Map<number, Array<{ placementId: number; rank: number }>>()
  for (const row of choiceRows) {
    const placementId = Number(row.placement_id)
    const entrantId = Number(row.entrant_id)
    if (leftOut.has(entrantId)) continue
    const applicants = teamOrder.get(placementId) ?? []
    applicants.push(entrantKey(entrantId))
    teamOrder.set(placementId, applicants)
    const list = choices.get(entrantId) ?? []
    list.push({ placementId, rank: Number(row.rank) })
    choices.set(entrantId, list)
  }

  const entrants: Entrant[] = entrantIds.map((entrantId) => {
    const fact = facts.get(entrantId)!
    const ranked = (choices.get(entrantId) ?? []).sort(
      (a, b) => a.rank - b.rank || a.placementId - b.placementId
    )
    return {
      id: entrantKey(entrantId),
      preferences: ranked.map((choice) => placementKey(choice.placementId)),
      clearance: fact.clearance,
      previousDepartments: fact.previousDepartments,
      needsDigital: fact.needsDigital,
    }
  })

  const placements: Placement[] = placementRows.map((row) => ({
    id: placementKey(Number(row.id)),
    capacity: Number(row.capacity),
    department: departments.get(Number(row.organisation_id))!.code,
    clearanceRequired: row.clearance_required as Clearance,
    digital: Boolean(row.is_digital),
    preferences: teamOrder.get(Number(row.id)) ?? [],
  }))

  return { input: { entrants, placements, rules: round.rules }, leftOut }
}

/* How many entrants submitted their shortlist: the size of the round's match. */
export async function submittedEntrantCount(round: PlacementRound) {
  const row = await db
    .from('placement_shortlists')
    .where('round_id', round.id)
    .whereNotNull('submitted_at')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
