import TrainingBudget from '#models/training_budget'
import { transactionUnlessDuplicate } from '#actions/transactions'

export type SetBudgetResult =
  | { type: 'saved'; budget: TrainingBudget; created: boolean; changed: boolean }
  | { type: 'set_at_once' }

/*
 * Sets an organisation's training budget for a financial year (the caller
 * has checked the organisation is in the actor's scope): the first time
 * adds it, a later time changes it; the audit trail keeps each amount
 * before. The same amount again changes nothing, so the API's PUT can be
 * repeated. Two people adding the same budget at the same moment: the
 * second is told, and nothing of theirs is saved.
 */
export async function setTrainingBudget(
  organisationId: number,
  financialYear: number,
  amountPence: number
): Promise<SetBudgetResult> {
  return transactionUnlessDuplicate({ type: 'set_at_once' as const }, async (trx) => {
    const existing = await TrainingBudget.query({ client: trx })
      .where('organisation_id', organisationId)
      .where('financial_year', financialYear)
      .first()
    const budget = existing ?? new TrainingBudget()
    budget.useTransaction(trx)
    const changed = !existing || existing.amountPence !== amountPence
    if (changed) {
      budget.merge({ organisationId, financialYear, amountPence })
      await budget.save()
    }
    return { type: 'saved' as const, budget, created: !existing, changed }
  })
}
