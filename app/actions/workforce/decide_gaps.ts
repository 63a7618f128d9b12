import db from '@adonisjs/lucid/services/db'
import CapabilityGap from '#models/capability_gap'
import type { OrganisationScope } from '#services/organisation_scope'
import type { GapStatus } from '#enums/workforce'
import {
  dismissedDescription,
  gapDecisionAllowed,
  statusAfterDecision,
  type GapDecision,
} from '#domain/workforce/gap_decisions'

export type DecidedGap = { id: number; title: string; organisationName: string }

export type DecideGapsResult =
  | {
      type: 'decided'
      decision: GapDecision
      changed: DecidedGap[]
      /* Gaps whose status no longer allows the decision, left as they were. */
      refused: Array<DecidedGap & { status: GapStatus }>
    }
  /* A gap that does not exist or lies outside the user's scope: nothing is changed. */
  | { type: 'not_found' }
  /* Dismissing needs a reason. */
  | { type: 'reason_needed' }

/*
 * HR accept or dismiss many gaps at once (with one reason for every
 * dismissal, kept in each gap's description). All of them lie in the
 * user's scope or none is changed; a gap whose status no longer allows the
 * decision (decided meanwhile by someone else) is left as it is and named.
 * Each gap is locked, changed and audited in one transaction.
 */
export async function decideGaps(
  scope: OrganisationScope,
  ids: number[],
  decision: GapDecision,
  reason: string | null
): Promise<DecideGapsResult> {
  const wanted = [...new Set(ids)]
  if (wanted.length === 0) return { type: 'not_found' }
  const why = reason?.trim() ?? ''
  if (decision === 'dismiss' && !why) return { type: 'reason_needed' }
  return db.transaction(async (trx) => {
    const gaps = await scope
      .apply(CapabilityGap.query({ client: trx }).whereIn('id', wanted))
      .orderBy('id')
      .forUpdate()
    if (gaps.length !== wanted.length) return { type: 'not_found' as const }
    const names = await trx
      .from('organisations')
      .whereIn('id', [...new Set(gaps.map((gap) => gap.organisationId))])
      .select('id', 'name')
    const organisationName = new Map(names.map((row) => [Number(row.id), String(row.name)]))

    const changed: DecidedGap[] = []
    const refused: Array<DecidedGap & { status: GapStatus }> = []
    for (const gap of gaps) {
      const about = {
        id: gap.id,
        title: gap.title,
        organisationName: organisationName.get(gap.organisationId) ?? '',
      }
      if (!gapDecisionAllowed(decision, gap.status)) {
        refused.push({ ...about, status: gap.status })
        continue
      }
      gap.status = statusAfterDecision[decision]
      if (decision === 'dismiss') gap.description = dismissedDescription(gap.description, why)
      await gap.save()
      changed.push(about)
    }
    return { type: 'decided' as const, decision, changed, refused }
  })
}
