import type { HttpContext } from '@adonisjs/core/http'
import type CapabilityPlan from '#models/capability_plan'
import { toListWithErrors } from '#services/list_pipeline'
import { plansList } from '#exports/workforce'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { organisationChoices } from '#queries/identity/organisations_query'
import {
  findPlanInScope,
  financialYearChoices,
  planFigures,
  planFreezes,
  roleProfileChoices,
} from '#queries/workforce/plans_query'
import {
  addPlanLineValidator,
  planLineKey,
  planNumbersMessages,
  planNumbersValidator,
  returnPlanValidator,
  startPlanValidator,
} from '#validators/workforce_plans'
import { startPlan, type StartPlanResult } from '#actions/workforce/start_plan'
import {
  addPlanLine,
  EDITABLE_STATUSES,
  removePlanLine,
  savePlanNumbers,
  type PlanLineNumbers,
} from '#actions/workforce/save_plan_lines'
import { submitPlan } from '#actions/workforce/submit_plan'
import { decidePlan, type DecidePlanResult } from '#actions/workforce/decide_plan'
import { financialYearLabel, planStatusLabels } from '#enums/workforce'

/* A sent or approved plan is read-only until it is returned. */
const isEditable = (plan: CapabilityPlan) => EDITABLE_STATUSES.includes(plan.status)

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

  async show({ bouncer, organisationScope, params, view }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    const [figures, freezes] = await Promise.all([planFigures(plan), planFreezes(plan)])
    return view.render('pages/workforce/plans/show', {
      plan,
      ...figures,
      freezes,
      sections: taskListSections(plan, figures.lines),
      editable: isEditable(plan),
      canDecide: await bouncer.with('WorkforcePolicy').allows('decidePlans'),
      planStatusLabels,
    })
  }

  async lines({ bouncer, organisationScope, params, response, session, view }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    if (!isEditable(plan)) return this.notEditable(plan, { response, session })
    const [figures, choices] = await Promise.all([planFigures(plan), roleProfileChoices(plan)])
    return view.render('pages/workforce/plans/lines', { plan, ...figures, choices })
  }

  async addLine({
    backWithErrors,
    bouncer,
    organisationScope,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    const { roleProfileId } = await request.validateUsing(addPlanLineValidator)
    const result = await addPlanLine(plan, roleProfileId)
    switch (result.type) {
      case 'added':
        session.flash('success', 'Role profile added to the plan')
        return response.redirect().toRoute('workforce.plans.lines', { id: plan.id })
      case 'not_editable':
        return this.notEditable(plan, { response, session })
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

  async removeLine({ bouncer, organisationScope, params, response, session }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    const result = await removePlanLine(plan, Number(params.lineId))
    switch (result.type) {
      case 'removed':
        session.flash('success', 'Role profile removed from the plan')
        return response.redirect().toRoute('workforce.plans.lines', { id: plan.id })
      case 'not_editable':
        return this.notEditable(plan, { response, session })
      case 'line_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async numbers({ bouncer, organisationScope, params, response, session, view }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    if (!isEditable(plan)) return this.notEditable(plan, { response, session })
    const figures = await planFigures(plan)
    return view.render('pages/workforce/plans/numbers', { plan, ...figures, planLineKey })
  }

  async saveNumbers({
    bouncer,
    organisationScope,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    if (!isEditable(plan)) return this.notEditable(plan, { response, session })
    const { lines } = await planFigures(plan)
    const input = await request.validateUsing(planNumbersValidator, {
      messagesProvider: planNumbersMessages(lines),
    })
    const numbers = new Map<number, PlanLineNumbers>()
    for (const line of lines) {
      const values = input.lines[planLineKey(line.id)]
      if (!values) continue
      numbers.set(line.id, {
        postsNeeded: values.postsNeeded,
        inPostOverride: values.inPostOverride ?? null,
        overrideReason: values.overrideReason ?? null,
        plannedToRecruit: values.plannedToRecruit,
        plannedToTrain: values.plannedToTrain,
      })
    }
    const result = await savePlanNumbers(plan, numbers)
    switch (result.type) {
      case 'saved':
        session.flash('success', 'Posts and people saved')
        return response.redirect().toRoute('workforce.plans.show', { id: plan.id })
      case 'not_editable':
        return this.notEditable(plan, { response, session })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async check({ bouncer, organisationScope, params, view }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    const [figures, freezes] = await Promise.all([planFigures(plan), planFreezes(plan)])
    return view.render('pages/workforce/plans/check', {
      plan,
      ...figures,
      freezes,
      editable: isEditable(plan),
      canDecide: await bouncer.with('WorkforcePolicy').allows('decidePlans'),
      planStatusLabels,
    })
  }

  async submit({ auth, bouncer, organisationScope, params, response, session }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    const result = await submitPlan(plan, auth.getUserOrFail())
    switch (result.type) {
      case 'submitted':
        session.flash('success', `Plan for ${plan.yearLabel} sent for approval`)
        return response.redirect().toRoute('workforce.plans.show', { id: plan.id })
      case 'not_editable':
        return this.notEditable(plan, { response, session })
      case 'no_lines':
        session.flash('error', 'Add at least one role profile before sending the plan')
        return response.redirect().toRoute('workforce.plans.check', { id: plan.id })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async approve({ auth, bouncer, organisationScope, params, response, session }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    await bouncer.with('WorkforcePolicy').authorize('decidePlans')
    const result = await decidePlan(plan, { outcome: 'approved' }, auth.getUserOrFail())
    return this.respondToDecision(result, plan, 'Plan approved', { response, session })
  }

  async return({
    auth,
    bouncer,
    organisationScope,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const plan = await this.findInScope({ bouncer, organisationScope }, params.id)
    await bouncer.with('WorkforcePolicy').authorize('decidePlans')
    const { comment } = await request.validateUsing(returnPlanValidator)
    const result = await decidePlan(plan, { outcome: 'returned', comment }, auth.getUserOrFail())
    return this.respondToDecision(result, plan, 'Plan returned with your comment', {
      response,
      session,
    })
  }

  /* Workforce pages are refused (403) to people without an HR or admin role before any lookup. */
  private async findInScope(
    { bouncer, organisationScope }: Pick<HttpContext, 'bouncer' | 'organisationScope'>,
    id: unknown
  ): Promise<CapabilityPlan> {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await organisationScope()
    const plan = await findPlanInScope(scope, id)
    if (!plan) throw new RecordNotFoundException()
    return plan
  }

  private notEditable(plan: CapabilityPlan, { response, session }: Respond) {
    session.flash('error', 'This plan has been sent for approval, so it cannot be changed')
    return response.redirect().toRoute('workforce.plans.show', { id: plan.id })
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

type TaskStatus = 'Cannot start yet' | 'Not started' | 'In progress' | 'Completed'

/*
 * The plan's task list: role profiles are done once there is a line;
 * posts and people once every line has its posts needed; checking once sent.
 */
function taskListSections(plan: CapabilityPlan, lines: { postsNeeded: number }[]) {
  const filled = lines.filter((line) => line.postsNeeded > 0).length
  const sent = plan.status === 'submitted' || plan.status === 'approved'
  const chooseStatus: TaskStatus = lines.length > 0 ? 'Completed' : 'Not started'
  let numbersStatus: TaskStatus = 'Cannot start yet'
  if (lines.length > 0) {
    if (filled === lines.length) numbersStatus = 'Completed'
    else numbersStatus = filled === 0 ? 'Not started' : 'In progress'
  }
  let checkStatus: TaskStatus = 'Cannot start yet'
  if (sent) checkStatus = 'Completed'
  else if (lines.length > 0) checkStatus = 'Not started'
  const editable = isEditable(plan)
  return [
    {
      title: 'Choose role profiles',
      href: editable ? `/workforce/plans/${plan.id}/lines` : null,
      hint: 'The roles the organisation plans for this year.',
      status: chooseStatus,
    },
    {
      title: 'Posts and people',
      href: editable && lines.length > 0 ? `/workforce/plans/${plan.id}/numbers` : null,
      hint: 'Posts needed, people in post, and plans to recruit and train.',
      status: numbersStatus,
    },
    {
      title: 'Check and submit',
      href: lines.length > 0 ? `/workforce/plans/${plan.id}/check` : null,
      hint: 'Check every line and send the plan for approval.',
      status: checkStatus,
    },
  ]
}
