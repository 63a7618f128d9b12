import type Placement from '#models/placement'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import {
  changePlacementBeforeMatch,
  type RoundMatched,
} from '#actions/fast_stream/placement_before_match'
import { applicantIds, savedRanking } from '#queries/fast_stream/team_applicants_query'

/* Why one entry of a ranking cannot be saved. */
export type RankingProblem = {
  /* Its position in the list sent, from 0. */
  index: number
  entrantId: number
  code: 'duplicate' | 'unknown_entrant' | 'not_applicant'
}

export type RankApplicantsResult =
  | { type: 'ranked'; ranking: number[]; changed: boolean }
  | { type: 'invalid'; problems: RankingProblem[] }
  | RoundMatched

/*
 * Replaces a team's ranking of its placement's applicants with the given
 * entrants, best first; applicants left out are not ranked (they follow
 * the ranked ones in the stated order). Every entrant must have put the
 * placement on a submitted shortlist. Allowed until the round is matched.
 * One audit event records the order before and after.
 */
export async function rankApplicants(
  placement: Placement,
  entrantIds: number[]
): Promise<RankApplicantsResult> {
  return changePlacementBeforeMatch(
    placement,
    async (current, trx): Promise<RankApplicantsResult> => {
      const applicants = new Set(await applicantIds(current.id, trx))
      const known = new Set<number>()
      const unknownIds = entrantIds.filter((id) => !applicants.has(id))
      if (unknownIds.length) {
        const rows = await trx.from('fast_stream_entrants').whereIn('id', unknownIds).select('id')
        for (const row of rows) known.add(Number(row.id))
      }
      const seen = new Set<number>()
      const problems: RankingProblem[] = []
      entrantIds.forEach((entrantId, index) => {
        if (seen.has(entrantId)) problems.push({ index, entrantId, code: 'duplicate' })
        else if (!applicants.has(entrantId)) {
          problems.push({
            index,
            entrantId,
            code: known.has(entrantId) ? 'not_applicant' : 'unknown_entrant',
          })
        }
        seen.add(entrantId)
      })
      if (problems.length) return { type: 'invalid', problems }

      const before = await savedRanking(current.id, trx)
      const changed = before.join(',') !== entrantIds.join(',')
      if (!changed) return { type: 'ranked', ranking: before, changed: false }

      await trx.from('placement_rankings').where('placement_id', current.id).delete()
      if (entrantIds.length) {
        for (let i = 0; i < entrantIds.length; i += 400) {
          await trx.table('placement_rankings').multiInsert(
            entrantIds.slice(i, i + 400).map((entrantId, offset) => ({
              placement_id: current.id,
              entrant_id: entrantId,
              rank: i + offset + 1,
            }))
          )
        }
      }
      await recordAudit(
        {
          action: AuditActions.Update,
          subjectType: 'placement',
          subjectId: current.id,
          subjectLabel: current.title,
          organisationId: current.organisationId,
          before: { ranking: before },
          after: { ranking: entrantIds },
        },
        trx
      )
      return { type: 'ranked', ranking: entrantIds, changed: true }
    }
  )
}
