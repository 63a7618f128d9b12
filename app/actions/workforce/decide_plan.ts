import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CapabilityPlan from '#models/capability_plan'
import type User from '#models/user'
import { freezeOnApproval } from '#actions/workforce/freeze_plan_figures'
import { planNoticeContext } from '#actions/workforce/plan_notices'
import { hrOf } from '#queries/workforce/notice_recipients_query'
import { sendNotices } from '#mails/notice_mail'
import { PlanApproved, PlanReturned } from '#mails/plan_notices'

export type PlanDecision = { outcome: 'approved' } | { outcome: 'returned'; comment: string }

export type DecidePlanResult = { type: 'decided'; plan: CapabilityPlan } | { type: 'not_submitted' }

/*
 * A capability admin's decision on a submitted plan: approved (its figures
 * frozen again if they moved since it was sent), or returned with a comment
 * so the organisation can change it and send it again. Once committed, the
 * organisation's HR are e-mailed the decision.
 */
export async function decidePlan(
  plan: CapabilityPlan,
  decision: PlanDecision,
  admin: User
): Promise<DecidePlanResult> {
  const result = await db.transaction(async (trx): Promise<DecidePlanResult> => {
    const locked = await CapabilityPlan.query({ client: trx })
      .where('id', plan.id)
      .forUpdate()
      .firstOrFail()
    if (locked.status !== 'submitted') return { type: 'not_submitted' as const }
    const now = DateTime.utc()
    locked.merge({
      status: decision.outcome,
      decidedBy: admin.id,
      decidedAt: now,
      decisionComment: decision.outcome === 'returned' ? decision.comment : null,
    })
    await locked.save()
    if (decision.outcome === 'approved') await freezeOnApproval(trx, locked, admin.id, now)
    return { type: 'decided' as const, plan: locked }
  })
  if (result.type === 'decided') {
    const hr = await hrOf(result.plan.organisationId)
    const context = await planNoticeContext(result.plan, admin)
    await sendNotices(
      hr
        .filter((person) => person.id !== admin.id)
        .map((person) =>
          decision.outcome === 'approved'
            ? new PlanApproved({ ...context, to: person })
            : new PlanReturned({ ...context, to: person, comment: decision.comment })
        ),
      { planId: plan.id, outcome: decision.outcome }
    )
  }
  return result
}
