import type { HttpContext } from '@adonisjs/core/http'
import { Roles } from '#enums/roles'
import { OrganisationScope } from '#services/organisation_scope'
import { listEnvelope, problem } from '#services/api'
import { pagingQueryValidator } from '#validators/api'
import { withoutBlanks } from '#validators/workforce_campaigns_gaps'
import { findPlanInScope, organisationPlans, planFigures } from '#queries/workforce/plans_query'

/*
 * Capability plans in the JSON API, for department HR of the organisation's
 * tree and capability admins. Anything outside the caller's scope answers
 * 404, as if it did not exist.
 */
export default class PlansController {
  async index({ auth, params, request, response }: HttpContext) {
    const scope = await this.scopeOf(auth)
    if (!scope)
      return problem(response, 403, 'Only department HR and capability admins can see this.')
    const id = Number(params.id)
    if (!Number.isSafeInteger(id) || id < 1 || !(await scope.includes(id))) {
      return problem(response, 404, 'There is no organisation with this id that you can see.')
    }
    const input = await pagingQueryValidator.validate(withoutBlanks(request.qs()))
    const page = input.page ?? 1
    const perPage = input.perPage ?? 25
    const { rows, total } = await organisationPlans(id, page, perPage)
    const data = rows.map((row) => ({
      ...row,
      links: { self: `/api/v1/capability-plans/${row.id}` },
    }))
    return listEnvelope(data, total, page, perPage)
  }

  async show({ auth, params, response }: HttpContext) {
    const scope = await this.scopeOf(auth)
    if (!scope)
      return problem(response, 403, 'Only department HR and capability admins can see this.')
    const plan = await findPlanInScope(scope, params.id)
    if (!plan)
      return problem(response, 404, 'There is no capability plan with this id that you can see.')
    const { lines, totals } = await planFigures(plan)
    return {
      data: {
        id: plan.id,
        organisation: { id: plan.organisation.id, name: plan.organisation.name },
        financialYear: plan.yearLabel,
        status: plan.status,
        submittedAt: plan.submittedAt?.toISO() ?? null,
        decidedAt: plan.decidedAt?.toISO() ?? null,
        decisionComment: plan.decisionComment,
        lines: lines.map((line) => ({
          roleProfile: line.roleProfile,
          postsNeeded: line.postsNeeded,
          inPost: line.inPost,
          inPostComputed: line.inPostComputed,
          inPostOverridden: line.inPostOverridden,
          overrideReason: line.overrideReason,
          vacancies: line.vacancies,
          plannedToRecruit: line.plannedToRecruit,
          plannedToTrain: line.plannedToTrain,
          openCampaignPosts: line.campaignPosts,
        })),
        totals: {
          postsNeeded: totals.postsNeeded,
          inPost: totals.inPost,
          vacancies: totals.vacancies,
          plannedToRecruit: totals.plannedToRecruit,
          plannedToTrain: totals.plannedToTrain,
          openCampaignPosts: totals.campaignPosts,
        },
      },
    }
  }

  /* The caller's organisation scope, or null when their roles give them no workforce access. */
  private async scopeOf(auth: HttpContext['auth']) {
    const user = auth.getUserOrFail()
    if (!user.hasRole(Roles.DepartmentHr, Roles.CapabilityAdmin)) return null
    return OrganisationScope.forUser(user)
  }
}
