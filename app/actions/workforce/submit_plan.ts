import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CapabilityPlan from '#models/capability_plan'
import type User from '#models/user'
import { EDITABLE_STATUSES } from '#actions/workforce/save_plan_lines'
import { freezeOnSubmission } from '#actions/workforce/freeze_plan_figures'
import { planNoticeContext } from '#actions/workforce/plan_notices'
import { capabilityAdmins } from '#queries/workforce/notice_recipients_query'
import { sendNotices } from '#mails/notice_mail'
import { PlanSubmitted } from '#mails/plan_notices'

export type SubmitPlanResult =
  { type: 'submitted'; plan: CapabilityPlan } | { type: 'not_editable' } | { type: 'no_lines' }

/*
 * Sends a draft or returned plan to the capability admins for a decision,
 * its figures frozen as sent; once committed, each admin is e-mailed.
 */
export async function submitPlan(plan: CapabilityPlan, submitter: User): Promise<SubmitPlanResult> {
  const result = await db.transaction(async (trx): Promise<SubmitPlanResult> => {
    const locked = await CapabilityPlan.query({ client: trx })
      .where('id', plan.id)
      .forUpdate()
      .firstOrFail()
    if (!EDITABLE_STATUSES.includes(locked.status)) return { type: 'not_editable' as const }
    const lines = await trx.from('plan_lines').where('plan_id', plan.id).count('* as total')
    if (Number(lines[0].total) === 0) return { type: 'no_lines' as const }
    const now = DateTime.utc()
    locked.merge({
      status: 'submitted',
      submittedBy: submitter.id,
      submittedAt: now,
    })
    await locked.save()
    await freezeOnSubmission(trx, locked, submitter.id, now)
    return { type: 'submitted' as const, plan: locked }
  })
  if (result.type === 'submitted') {
    const admins = await capabilityAdmins()
    const context = await planNoticeContext(result.plan, submitter)
    await sendNotices(
      admins
        .filter((admin) => admin.id !== submitter.id)
        .map((admin) => new PlanSubmitted({ ...context, to: admin })),
      { planId: plan.id }
    )
  }
  return result
}
