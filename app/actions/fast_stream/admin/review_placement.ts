import { DateTime } from 'luxon'
import type Placement from '#models/placement'
import type User from '#models/user'
import { PlacementStatuses, type PlacementStatus } from '#enums/fast_stream'
import {
  changePlacementBeforeMatch,
  type RoundMatched,
} from '#actions/fast_stream/placement_before_match'
import {
  checkPlacementService,
  type PlacementServiceProblem,
} from '#actions/fast_stream/placement_service'

export type ReviewDecision =
  { decision: 'approve'; note?: string | null } | { decision: 'reject'; note: string }

export type ReviewPlacementResult =
  | { type: 'reviewed'; placement: Placement }
  | { type: 'not_reviewable'; status: PlacementStatus }
  | RoundMatched
  | PlacementServiceProblem

/*
 * The Fast Stream team approves a placement a team offered, or turns it
 * down with a note the team reads. Either decision can be reversed until
 * the round is matched; a withdrawn placement stays withdrawn. Approval
 * checks the placement's service again, as the offer did: the register
 * may have changed since.
 */
export async function reviewPlacement(
  placement: Placement,
  reviewer: User,
  review: ReviewDecision
): Promise<ReviewPlacementResult> {
  return changePlacementBeforeMatch(placement, async (current, trx, round) => {
    const target =
      review.decision === 'approve' ? PlacementStatuses.Approved : PlacementStatuses.Rejected
    if (current.status === PlacementStatuses.Withdrawn || current.status === target) {
      return { type: 'not_reviewable' as const, status: current.status }
    }
    if (target === PlacementStatuses.Approved) {
      const service = await checkPlacementService(trx, {
        serviceId: current.serviceId,
        teamOrganisationId: current.organisationId,
        programme: round.programme,
      })
      if (service.problem) return service.problem
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
