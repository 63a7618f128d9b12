import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import type User from '#models/user'
import { PlacementStatuses, RoundStatuses, type PlacementStatus } from '#enums/fast_stream'

export type ReviewDecision =
  { decision: 'approve'; note?: string | null } | { decision: 'reject'; note: string }

export type ReviewPlacementResult =
  | { type: 'reviewed'; placement: Placement }
  | { type: 'not_reviewable'; status: PlacementStatus }
  | { type: 'round_matched' }

/*
 * The Fast Stream team approves a placement a team offered, or turns it
 * down with a note the team reads. Either decision can be reversed until
 * the round is matched; a withdrawn placement stays withdrawn.
 */
export async function reviewPlacement(
  placement: Placement,
  reviewer: User,
  review: ReviewDecision
): Promise<ReviewPlacementResult> {
  return db.transaction(async (trx) => {
    const current = await Placement.query({ client: trx })
      .where('id', placement.id)
      .forUpdate()
      .firstOrFail()
    const round = await PlacementRound.query({ client: trx })
      .where('id', current.roundId)
      .firstOrFail()
    if (round.status !== RoundStatuses.Open && round.status !== RoundStatuses.Closed) {
      return { type: 'round_matched' as const }
    }
    const target =
      review.decision === 'approve' ? PlacementStatuses.Approved : PlacementStatuses.Rejected
    if (current.status === PlacementStatuses.Withdrawn || current.status === target) {
      return { type: 'not_reviewable' as const, status: current.status }
    }
    current.merge({
      status: target,
      reviewNote: review.note?.trim() || null,
      reviewedBy: reviewer.id,
      reviewedAt: DateTime.now(),
    })
    await current.save()
    return { type: 'reviewed' as const, placement: current }
  })
}
