import type { HttpContext } from '@adonisjs/core/http'
import type CapabilityPlan from '#models/capability_plan'
import { findPlanInScope } from '#queries/workforce/plans_query'
import { EDITABLE_STATUSES } from '#actions/workforce/save_plan_lines'

/*
 * What the pages of one capability plan share: the plan of the address in
 * the user's scope (404 otherwise; refused, 403, to people without an HR or
 * admin role before any lookup), and the answer when it can no longer change.
 */
export async function planInScope(
  { bouncer, inScope }: Pick<HttpContext, 'bouncer' | 'inScope'>,
  id: unknown
): Promise<CapabilityPlan> {
  await bouncer.with('WorkforcePolicy').authorize('viewAny')
  return inScope(findPlanInScope, id)
}

/* A sent or approved plan is read-only until it is returned. */
export const isEditable = (plan: CapabilityPlan) => EDITABLE_STATUSES.includes(plan.status)

/* Back to the plan's page, saying it can no longer be changed. */
export function notEditable(
  plan: CapabilityPlan,
  { response, session }: Pick<HttpContext, 'response' | 'session'>
) {
  session.flash('error', 'This plan has been sent for approval, so it cannot be changed')
  return response.redirect().toRoute('workforce.plans.show', { id: plan.id })
}
