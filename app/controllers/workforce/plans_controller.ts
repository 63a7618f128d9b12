import type { HttpContext } from '@adonisjs/core/http'
import type CapabilityPlan from '#models/capability_plan'
import { toListWithErrors } from '#services/list_pipeline'
import { plansList } from '#exports/workforce'
import { organisationChoices } from '#queries/identity/organisations_query'
import { financialYearChoices, planFigures, planFreezes } from '#queries/workforce/plans_query'
import { returnPlanValidator, startPlanValidator } from '#validators/workforce_plans'
import { startPlan, type StartPlanResult } from '#actions/workforce/start_plan'
import { submitPlan } from '#actions/workforce/submit_plan'
import { decidePlan, type DecidePlanResult } from '#actions/workforce/decide_plan'
import { financialYearLabel, planStatusLabels } from '#enums/workforce'
import { planTaskList } from '#services/plan_task_list'
import { isEditable, notEditable, planInScope } from '#controllers/workforce/plan_pages'

type Respond = Pick<HttpContext, 'response' | 'session'>
type Ctx = Respond & Pick<HttpContext, 'backWithErrors'>

const statusOptions = Object.entries(planStatusLabels).map(([value, label]) => ({ value, label }))

/*
 * Capability plans: department HR plan their organisation tree's posts and
 * people each financial year; capability admins approve or return them.
 * A plan outside the user's scope is answered 404.
 */
export default class PlansController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    const list = await plansList.read(ctx).catch(toListWithErrors(ctx, plansList.path))
    if (!list) return
    return ctx.view.render('pages/workforce/plans/index', {
      plans: list.page,
      organisations: await organisationChoices(list.scope),
      years: financialYearChoices(),
      statusOptions,
      planStatusLabels,
      financialYearLabel,
      query: ctx.request.qs(),
      csvHref: list.csvHref,
    })
  }

  /* Every line of the plans the filters select, one row per role profile, as CSV. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    await plansList.sendCsv(ctx).catch(toListWithErrors(ctx, plansList.path))
  }

  async store({ backWithErrors, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const input = await request.validateUsing(startPlanValidator)
    await bouncer.with('WorkforcePolicy').authorize('manage', input.organisationId)
    const result = await startPlan({ ...input, copyPrevious: input.copyPrevious ?? false })
    return this.respondToStart(result, input.financialYear, { backWithErrors, response, session })
  }

  async show({ bouncer, inScope, params, view }: HttpContext) {
    const page = await this.planPage(bouncer, await planInScope({ bouncer, inScope }, params.id))
    return view.render('pages/workforce/plans/show', {
      ...page,
      sections: planTaskList(page.plan, page.lines, page.editable),
    })
  }

  async check({ bouncer, inScope, params, view }: HttpContext) {
    const plan = await planInScope({ bouncer, inScope }, params.id)
    return view.render('pages/workforce/plans/check', await this.planPage(bouncer, plan))
  }

  async submit({ auth, bouncer, inScope, params, response, session }: HttpContext) {
    const plan = await planInScope({ bouncer, inScope }, params.id)
    const result = await submitPlan(plan, auth.getUserOrFail())
    switch (result.type) {
      case 'submitted':
        session.flash('success', `Plan for ${plan.yearLabel} sent for approval`)
        return response.redirect().toRoute('workforce.plans.show', { id: plan.id })
      case 'not_editable':
        return notEditable(plan, { response, session })
      case 'no_lines':
        session.flash('error', 'Add at least one role profile before sending the plan')
        return response.redirect().toRoute('workforce.plans.check', { id: plan.id })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async approve({ auth, bouncer, inScope, params, response, session }: HttpContext) {
    const plan = await planInScope({ bouncer, inScope }, params.id)
    await bouncer.with('WorkforcePolicy').authorize('decidePlans')
    const result = await decidePlan(plan, { outcome: 'approved' }, auth.getUserOrFail())
    return this.respondToDecision(result, plan, 'Plan approved', { response, session })
  }

  async return({ auth, bouncer, inScope, params, request, response, session }: HttpContext) {
    const plan = await planInScope({ bouncer, inScope }, params.id)
    await bouncer.with('WorkforcePolicy').authorize('decidePlans')
    const { comment } = await request.validateUsing(returnPlanValidator)
    const result = await decidePlan(plan, { outcome: 'returned', comment }, auth.getUserOrFail())
    return this.respondToDecision(result, plan, 'Plan returned with your comment', {
      response,
      session,
    })
  }

  /* What a plan's page and its check page both show: its figures, and whether it can change or be decided. */
  private async planPage(bouncer: HttpContext['bouncer'], plan: CapabilityPlan) {
    const [figures, freezes] = await Promise.all([planFigures(plan), planFreezes(plan)])
    return {
      plan,
      ...figures,
      freezes,
      editable: isEditable(plan),
      canDecide: await bouncer.with('WorkforcePolicy').allows('decidePlans'),
      planStatusLabels,
    }
  }

  private respondToStart(
    result: StartPlanResult,
    year: number,
    { backWithErrors, response, session }: Ctx
  ) {
    switch (result.type) {
      case 'started':
        session.flash(
          'success',
          result.plan.copiedFromId
            ? `Plan for ${result.plan.yearLabel} started from last year’s plan`
            : `Plan for ${result.plan.yearLabel} started`
        )
        return response.redirect().toRoute('workforce.plans.show', { id: result.plan.id })
      case 'already_exists':
        session.flash(
          'error',
          `There is already a plan for ${result.plan.yearLabel}: carry on with it here`
        )
        return response.redirect().toRoute('workforce.plans.show', { id: result.plan.id })
      case 'nothing_to_copy':
        return backWithErrors({
          copyPrevious: `There is no ${financialYearLabel(year - 1)} plan to copy: start an empty plan instead`,
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private respondToDecision(
    result: DecidePlanResult,
    plan: CapabilityPlan,
    message: string,
    { response, session }: Respond
  ) {
    switch (result.type) {
      case 'decided':
        session.flash('success', message)
        return response.redirect().toRoute('workforce.plans.show', { id: plan.id })
      case 'not_submitted':
        session.flash('error', 'Only a plan sent for approval can be approved or returned')
        return response.redirect().toRoute('workforce.plans.show', { id: plan.id })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
