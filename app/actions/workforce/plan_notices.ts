import db from '@adonisjs/lucid/services/db'
import type CapabilityPlan from '#models/capability_plan'
import type User from '#models/user'
import { frozenFiguresOf } from '#queries/workforce/plans_query'
import type { PlanNoticeContext } from '#mails/plan_notices'

/*
 * What the e-mails about a sent or decided plan say, read once the change
 * has committed: the organisation, the year, who acted and the totals as
 * frozen (at approval when they moved, else as sent).
 */
export async function planNoticeContext(
  plan: CapabilityPlan,
  actor: User
): Promise<Omit<PlanNoticeContext, 'to'>> {
  const organisation = await db
    .from('organisations')
    .where('id', plan.organisationId)
    .select('name')
    .firstOrFail()
  // A returned plan's figures are those it was sent with.
  const found = await frozenFiguresOf([plan.id])
  const freezes = found.get(plan.id)
  const frozen = freezes?.approval ?? freezes?.submission ?? null
  return {
    plan: { id: plan.id, organisation: String(organisation.name), year: plan.yearLabel },
    actor: actor.fullName,
    totals: frozen
      ? {
          lines: frozen.lines.size,
          postsNeeded: frozen.totals.postsNeeded,
          inPost: frozen.totals.inPost,
          vacancies: frozen.totals.vacancies,
        }
      : null,
  }
}
