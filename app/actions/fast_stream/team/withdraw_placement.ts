import type Placement from '#models/placement'
import { PlacementStatuses, type PlacementStatus } from '#enums/fast_stream'
import {
  changePlacementBeforeMatch,
  type RoundMatched,
} from '#actions/fast_stream/placement_before_match'

export type WithdrawPlacementResult =
  | { type: 'withdrawn'; placement: Placement }
  | { type: 'not_withdrawable'; status: PlacementStatus }
  | RoundMatched

/*
 * A team takes back a placement it offered, waiting or approved, until the
 * round is matched: entrants who chose it are then matched elsewhere.
 */
export async function withdrawPlacement(placement: Placement): Promise<WithdrawPlacementResult> {
  return changePlacementBeforeMatch(placement, async (current) => {
    if (
      current.status !== PlacementStatuses.Offered &&
      current.status !== PlacementStatuses.Approved
    ) {
      return { type: 'not_withdrawable' as const, status: current.status }
    }
    current.status = PlacementStatuses.Withdrawn
    await current.save()
    return { type: 'withdrawn' as const, placement: current }
  })
}
