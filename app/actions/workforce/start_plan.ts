import CapabilityPlan from '#models/capability_plan'
import PlanLine from '#models/plan_line'
import { transactionUnlessDuplicate } from '#actions/transactions'

export type StartPlanInput = {
  organisationId: number
  financialYear: number
  copyPrevious: boolean
}

export type StartPlanResult =
  | { type: 'started'; plan: CapabilityPlan; copiedLines: number }
  | { type: 'already_exists'; plan: CapabilityPlan }
  | { type: 'nothing_to_copy' }

/*
 * Starts an organisation's plan for a financial year, empty or as a copy
 * of the year before: the role profiles and their planned numbers carry
 * over, in-post overrides do not (next year's people are counted afresh).
 */
export async function startPlan(input: StartPlanInput): Promise<StartPlanResult> {
  const existing = () =>
    CapabilityPlan.query()
      .where('organisation_id', input.organisationId)
      .where('financial_year', input.financialYear)
      .firstOrFail()

  const result = await transactionUnlessDuplicate(
    { type: 'duplicate' as const },
    async (trx): Promise<StartPlanResult | { type: 'duplicate' }> => {
      const clash = await CapabilityPlan.query({ client: trx })
        .where('organisation_id', input.organisationId)
        .where('financial_year', input.financialYear)
        .first()
      if (clash) return { type: 'already_exists', plan: clash }

      let previous: CapabilityPlan | null = null
      if (input.copyPrevious) {
        previous = await CapabilityPlan.query({ client: trx })
          .where('organisation_id', input.organisationId)
          .where('financial_year', input.financialYear - 1)
          .preload('lines')
          .first()
        if (!previous) return { type: 'nothing_to_copy' }
      }

      const plan = await CapabilityPlan.create(
        {
          organisationId: input.organisationId,
          financialYear: input.financialYear,
          status: 'draft',
          copiedFromId: previous?.id ?? null,
        },
        { client: trx }
      )
      for (const line of previous?.lines ?? []) {
        await PlanLine.create(
          {
            planId: plan.id,
            roleProfileId: line.roleProfileId,
            postsNeeded: line.postsNeeded,
            inPostOverride: null,
            overrideReason: null,
            plannedToRecruit: line.plannedToRecruit,
            plannedToTrain: line.plannedToTrain,
          },
          { client: trx }
        )
      }
      return { type: 'started', plan, copiedLines: previous?.lines.length ?? 0 }
    }
  )
  if (result.type === 'duplicate') return { type: 'already_exists', plan: await existing() }
  return result
}
