import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import DevelopmentPlanItem from '#models/development_plan_item'
import type User from '#models/user'
import type { PlanItemStatus } from '#enums/capability'

export type UpdatePlanItemResult =
  { type: 'updated'; item: DevelopmentPlanItem } | { type: 'not_found' }

export type RemovePlanItemResult =
  | { type: 'removed'; item: DevelopmentPlanItem }
  | { type: 'not_found' }
  | { type: 'already_agreed'; item: DevelopmentPlanItem }

/* One of the person's own plan items, locked until the change commits; null when it is not theirs. */
function ownItemLocked(trx: TransactionClientContract, person: User, itemId: number) {
  return DevelopmentPlanItem.query({ client: trx })
    .where('id', itemId)
    .where('user_id', person.id)
    .forUpdate()
    .first()
}

/* A person moves one of their own plan items on: planned, in progress or done. */
export async function updatePlanItemStatus(
  person: User,
  itemId: number,
  status: PlanItemStatus
): Promise<UpdatePlanItemResult> {
  return db.transaction(async (trx) => {
    const item = await ownItemLocked(trx, person, itemId)
    if (!item) return { type: 'not_found' as const }
    item.status = status
    await item.save()
    return { type: 'updated' as const, item }
  })
}

/* A person takes an item out of their plan, only while their line manager has not agreed it. */
export async function removePlanItem(person: User, itemId: number): Promise<RemovePlanItemResult> {
  return db.transaction(async (trx) => {
    const item = await ownItemLocked(trx, person, itemId)
    if (!item) return { type: 'not_found' as const }
    if (item.agreedAt) return { type: 'already_agreed' as const, item }
    await item.delete()
    return { type: 'removed' as const, item }
  })
}
