import type { HttpContext } from '@adonisjs/core/http'
import type Organisation from '#models/organisation'
import { apiSerializer, problem } from '#services/api'
import { noOrganisation } from '#controllers/api/hr_access'
import { findOrganisationInScope } from '#queries/identity/organisations_query'
import { budgetStanding } from '#queries/learning/training_budgets_query'
import { setTrainingBudget } from '#actions/learning/set_training_budget'
import { apiBudgetValidator, budgetYearValidator } from '#validators/training_budget'
import { financialYearOf } from '#domain/learning/training_budgets'
import { TrainingBudgetTransformer } from '#transformers/training_budget_transformer'

/*
 * An organisation's training budget in the JSON API, for department HR
 * (their organisation's tree) and capability admins: read it with its
 * figures for a year, or set it. Another department's organisation
 * answers 404, as one that does not exist.
 */
export default class TrainingBudgetsController {
  async show(ctx: HttpContext) {
    const organisation = await this.organisation(ctx)
    if (!organisation) return
    const input = await budgetYearValidator.validate(ctx.request.qs())
    const year = input.year ?? financialYearOf(new Date())
    return apiSerializer.serialize(
      TrainingBudgetTransformer.transform(await budgetStanding(organisation, year))
    )
  }

  async update(ctx: HttpContext) {
    const organisation = await this.organisation(ctx)
    if (!organisation) return
    const input = await ctx.request.validateUsing(apiBudgetValidator)
    const result = await setTrainingBudget(organisation.id, input.year, input.amountPence)
    switch (result.type) {
      case 'saved':
        ctx.response.status(result.created ? 201 : 200)
        return apiSerializer.serialize(
          TrainingBudgetTransformer.transform(await budgetStanding(organisation, input.year))
        )
      case 'set_at_once':
        return problem(
          ctx.response,
          409,
          'Someone else set this budget at the same moment: read it and send it again if it needs changing.'
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* The organisation of the address when the caller may see it, or null once the answer is sent. */
  private async organisation({
    bouncer,
    organisationScope,
    params,
    response,
  }: HttpContext): Promise<Organisation | null> {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const organisation = await findOrganisationInScope(await organisationScope(), params.id)
    if (!organisation) noOrganisation(response)
    return organisation
  }
}
