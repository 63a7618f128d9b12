import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import CapabilityPlan from '#models/capability_plan'
import PlanLine from '#models/plan_line'
import { transactionUnlessDuplicate } from '#actions/transactions'
import type { PlanStatus } from '#enums/workforce'
import { planLineKey, type PlanNumbersInput } from '#validators/workforce_plans'

/* Plans people may still change: not yet sent, or sent back. */
export const EDITABLE_STATUSES: PlanStatus[] = ['draft', 'returned']

export type AddPlanLineResult =
  | { type: 'added'; line: PlanLine }
  | { type: 'not_editable' }
  | { type: 'role_profile_not_found' }
  | { type: 'already_in_plan' }

export type RemovePlanLineResult =
  { type: 'removed' } | { type: 'not_editable' } | { type: 'line_not_found' }

export type PlanLineNumbers = {
  postsNeeded: number
  inPostOverride: number | null
  overrideReason: string | null
  plannedToRecruit: number
  plannedToTrain: number
}

export type SavePlanNumbersResult = { type: 'saved'; changed: number } | { type: 'not_editable' }

/* The numbers typed for each of the plan's lines, by line id; a line the form left out is left alone. */
export function planNumbersFromForm(lines: { id: number }[], typed: PlanNumbersInput) {
  const numbers = new Map<number, PlanLineNumbers>()
  for (const line of lines) {
    const values = typed[planLineKey(line.id)]
    if (!values) continue
    numbers.set(line.id, {
      postsNeeded: values.postsNeeded,
      inPostOverride: values.inPostOverride ?? null,
      overrideReason: values.overrideReason ?? null,
      plannedToRecruit: values.plannedToRecruit,
      plannedToTrain: values.plannedToTrain,
    })
  }
  return numbers
}

/* Locks the plan row and answers whether it may still be changed. */
async function lockEditable(trx: TransactionClientContract, planId: number) {
  const plan = await CapabilityPlan.query({ client: trx }).where('id', planId).forUpdate().first()
  return plan && EDITABLE_STATUSES.includes(plan.status) ? plan : null
}

/* Adds a role profile to a plan, with its numbers at 0 to fill in later. */
export async function addPlanLine(
  plan: CapabilityPlan,
  roleProfileId: number
): Promise<AddPlanLineResult> {
  return transactionUnlessDuplicate(
    { type: 'already_in_plan' as const },
    async (trx): Promise<AddPlanLineResult> => {
      if (!(await lockEditable(trx, plan.id))) return { type: 'not_editable' }
      const profile = await trx
        .from('role_profiles')
        .where('id', roleProfileId)
        .whereNull('retired_at')
        .select('id')
        .first()
      if (!profile) return { type: 'role_profile_not_found' }
      const clash = await trx
        .from('plan_lines')
        .where({ plan_id: plan.id, role_profile_id: roleProfileId })
        .select('id')
        .first()
      if (clash) return { type: 'already_in_plan' }
      const line = await PlanLine.create(
        {
          planId: plan.id,
          roleProfileId,
          postsNeeded: 0,
          inPostOverride: null,
          overrideReason: null,
          plannedToRecruit: 0,
          plannedToTrain: 0,
        },
        { client: trx }
      )
      return { type: 'added', line }
    }
  )
}

/* Takes a role profile out of a plan. */
export async function removePlanLine(
  plan: CapabilityPlan,
  lineId: number
): Promise<RemovePlanLineResult> {
  return db.transaction(async (trx) => {
    if (!(await lockEditable(trx, plan.id))) return { type: 'not_editable' as const }
    const line = await PlanLine.query({ client: trx })
      .where('id', lineId)
      .where('plan_id', plan.id)
      .first()
    if (!line) return { type: 'line_not_found' as const }
    await line.delete()
    return { type: 'removed' as const }
  })
}

/*
 * Saves the numbers of a plan's lines, keyed by line id; ids that are not
 * the plan's are ignored. A blank override means in post is counted.
 */
export async function savePlanNumbers(
  plan: CapabilityPlan,
  numbers: Map<number, PlanLineNumbers>
): Promise<SavePlanNumbersResult> {
  return db.transaction(async (trx) => {
    if (!(await lockEditable(trx, plan.id))) return { type: 'not_editable' as const }
    const lines = await PlanLine.query({ client: trx }).where('plan_id', plan.id)
    let changed = 0
    for (const line of lines) {
      const values = numbers.get(line.id)
      if (!values) continue
      line.useTransaction(trx)
      line.merge({
        ...values,
        overrideReason: values.inPostOverride === null ? null : values.overrideReason,
      })
      if (line.$isDirty) changed += 1
      await line.save()
    }
    return { type: 'saved' as const, changed }
  })
}
