import type { HttpContext } from '@adonisjs/core/http'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { planFigures, roleProfileChoices } from '#queries/workforce/plans_query'
import {
  addPlanLineValidator,
  planLineKey,
  planNumbersMessages,
  planNumbersValidator,
} from '#validators/workforce_plans'
import {
  addPlanLine,
  planNumbersFromForm,
  removePlanLine,
  savePlanNumbers,
} from '#actions/workforce/save_plan_lines'
import { isEditable, notEditable, planInScope } from '#controllers/workforce/plan_pages'

/*
 * A capability plan's lines while it can change: the role profiles it plans
 * for, and each one's posts and people.
 */
export default class PlanLinesController {
  async lines(ctx: HttpContext) {
    const plan = await planInScope(ctx, ctx.params.id)
    if (!isEditable(plan)) return notEditable(plan, ctx)
    const [figures, choices] = await Promise.all([planFigures(plan), roleProfileChoices(plan)])
    return ctx.view.render('pages/workforce/plans/lines', { plan, ...figures, choices })
  }

  async addLine(ctx: HttpContext) {
    const { backWithErrors, request, response, session } = ctx
    const plan = await planInScope(ctx, ctx.params.id)
    const { roleProfileId } = await request.validateUsing(addPlanLineValidator)
    const result = await addPlanLine(plan, roleProfileId)
    switch (result.type) {
      case 'added':
        session.flash('success', 'Role profile added to the plan')
        return response.redirect().toRoute('workforce.plans.lines', { id: plan.id })
      case 'not_editable':
        return notEditable(plan, ctx)
      case 'role_profile_not_found':
        return backWithErrors({ roleProfileId: 'Select a role profile to add to the plan' })
      case 'already_in_plan':
        return backWithErrors({
          roleProfileId: 'The plan already has a line for this role profile',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async removeLine(ctx: HttpContext) {
    const plan = await planInScope(ctx, ctx.params.id)
    const result = await removePlanLine(plan, Number(ctx.params.lineId))
    switch (result.type) {
      case 'removed':
        ctx.session.flash('success', 'Role profile removed from the plan')
        return ctx.response.redirect().toRoute('workforce.plans.lines', { id: plan.id })
      case 'not_editable':
        return notEditable(plan, ctx)
      case 'line_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async numbers(ctx: HttpContext) {
    const plan = await planInScope(ctx, ctx.params.id)
    if (!isEditable(plan)) return notEditable(plan, ctx)
    const figures = await planFigures(plan)
    return ctx.view.render('pages/workforce/plans/numbers', { plan, ...figures, planLineKey })
  }

  async saveNumbers(ctx: HttpContext) {
    const plan = await planInScope(ctx, ctx.params.id)
    if (!isEditable(plan)) return notEditable(plan, ctx)
    const { lines } = await planFigures(plan)
    const input = await ctx.request.validateUsing(planNumbersValidator, {
      messagesProvider: planNumbersMessages(lines),
    })
    const result = await savePlanNumbers(plan, planNumbersFromForm(lines, input.lines))
    switch (result.type) {
      case 'saved':
        ctx.session.flash('success', 'Posts and people saved')
        return ctx.response.redirect().toRoute('workforce.plans.show', { id: plan.id })
      case 'not_editable':
        return notEditable(plan, ctx)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
