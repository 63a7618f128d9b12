import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import type Organisation from '#models/organisation'
import TrainingBudget from '#models/training_budget'
import { findOrganisationInScope } from '#queries/identity/organisations_query'
import { organisationBudgets } from '#queries/learning/budget_pages_query'
import { budgetHistory, budgetStanding } from '#queries/learning/training_budgets_query'
import { setTrainingBudget } from '#actions/learning/set_training_budget'
import { budgetFormValidator, budgetYearValidator } from '#validators/training_budget'
import { financialYearName, financialYearOf } from '#domain/learning/training_budgets'
import { ukSterling } from '#domain/shared/uk_format'

/* Pence as the form shows pounds: 2500050 → "25000.50", whole pounds without pence. */
const poundsOf = (pence: number | null) =>
  pence === null ? '' : pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2)

/* The years a person may pick from: two back, this one and two ahead. */
function yearChoices(current: number) {
  return [-2, -1, 0, 1, 2].map((step) => ({
    value: current + step,
    label: financialYearName(current + step),
  }))
}

/*
 * Training budgets, for department HR (the organisations in their scope)
 * and capability admins (any): each organisation's budget for a financial
 * year with what is committed, spent and left, and the form that sets it,
 * with the history of its amount from the audit trail.
 */
export default class TrainingBudgetsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    const { year, error } = await this.year(ctx)
    const page = Math.max(1, Number.parseInt(String(ctx.request.input('page', '1')), 10) || 1)
    if (error) ctx.response.status(422)
    return ctx.view.render('pages/learning/budgets/index', {
      year,
      yearName: financialYearName(year),
      years: yearChoices(financialYearOf(new Date())),
      yearError: error,
      budgets: await organisationBudgets(await ctx.organisationScope(), year, page),
      sterling: ukSterling,
    })
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    const organisation = await this.organisation(ctx)
    const { year, error } = await this.year(ctx)
    if (error) ctx.response.status(422)
    const budget = await TrainingBudget.query()
      .where('organisation_id', organisation.id)
      .where('financial_year', year)
      .first()
    return ctx.view.render('pages/learning/budgets/edit', {
      organisation,
      year,
      yearName: financialYearName(year),
      yearError: error,
      standing: await budgetStanding(organisation, year),
      history: budget ? await budgetHistory(budget.id) : [],
      amount: poundsOf(budget?.amountPence ?? null),
      sterling: ukSterling,
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    const organisation = await this.organisation(ctx)
    const input = await ctx.request.validateUsing(budgetFormValidator)
    const result = await setTrainingBudget(organisation.id, input.year, input.amount)
    const yearName = financialYearName(input.year)
    switch (result.type) {
      case 'saved':
        ctx.session.flash(
          'success',
          result.changed
            ? `The training budget of ${organisation.name} for ${yearName} is ${ukSterling(input.amount)}`
            : `The training budget of ${organisation.name} for ${yearName} was already ${ukSterling(input.amount)}: nothing changed`
        )
        break
      case 'set_at_once':
        ctx.session.flash(
          'error',
          `Someone else set the training budget of ${organisation.name} for ${yearName} at the same moment: check it and save again if it needs changing`
        )
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return ctx.response
      .redirect()
      .withQs({ year: input.year })
      .toRoute('learning.budgets.edit', { id: organisation.id })
  }

  /* The financial year the query string asks for, or this one (with the message when it is not a year). */
  private async year({ request }: HttpContext) {
    const current = financialYearOf(new Date())
    const asked = request.qs().year
    if (asked === undefined || asked === '') return { year: current, error: null }
    const [error, input] = await budgetYearValidator.tryValidate({ year: asked })
    if (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      return { year: current, error: (error.messages as Array<{ message: string }>)[0].message }
    }
    return { year: input.year ?? current, error: null }
  }

  private async organisation({ inScope, params }: HttpContext): Promise<Organisation> {
    return inScope(findOrganisationInScope, params.id)
  }
}
