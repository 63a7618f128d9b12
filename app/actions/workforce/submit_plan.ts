import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CapabilityPlan from '#models/capability_plan'
import type User from '#models/user'
import { EDITABLE_STATUSES } from '#actions/workforce/save_plan_lines'
import { freezeOnSubmission } from '#actions/workforce/freeze_plan_figures'

export type SubmitPlanResult =
  { type: 'submitted'; plan: CapabilityPlan } | { type: 'not_editable' } | { type: 'no_lines' }

/* Sends a draft or returned plan to the capability admins for a decision, its figures frozen as sent. */
export async function submitPlan(plan: CapabilityPlan, submitter: User): Promise<SubmitPlanResult> {
  return db.transaction(async (trx) => {
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
}
