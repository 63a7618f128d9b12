import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DevelopmentPlanItem from '#models/development_plan_item'
import type User from '#models/user'

export type AgreePlanResult = { type: 'agreed'; count: number } | { type: 'not_found' }

/*
 * A line manager agrees a direct report's plan: every item not yet agreed
 * records who agreed it and when. Anyone else's plan is not found.
 */
export async function agreePlan(
  manager: User,
  personId: number,
  now = DateTime.now()
): Promise<AgreePlanResult> {
  return db.transaction(async (trx) => {
    const person = await trx
      .from('users')
      .where('id', personId)
      .where('line_manager_id', manager.id)
      .first()
    if (!person) return { type: 'not_found' as const }
    const items = await DevelopmentPlanItem.query({ client: trx })
      .where('user_id', personId)
      .whereNull('agreed_at')
      .forUpdate()
    for (const item of items) {
      item.useTransaction(trx)
      item.merge({ agreedBy: manager.id, agreedAt: now })
      await item.save()
    }
    return { type: 'agreed' as const, count: items.length }
  })
}
