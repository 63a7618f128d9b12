import type { HttpContext } from '@adonisjs/core/http'
import { Roles } from '#enums/roles'
import { OrganisationScope } from '#services/organisation_scope'
import { listEnvelope, problem } from '#services/api'
import { pagingQueryValidator } from '#validators/api'
import { withoutBlanks } from '#services/list_pipeline'
import {
  findPlanInScope,
  organisationPlans,
  planFigures,
  planFreezes,
  type FrozenFigures,
} from '#queries/workforce/plans_query'
import type { FigureTotals } from '#domain/workforce/plan_figures'

/* A sent plan's figures as frozen on sending or on approval, for a line or the totals. */
function frozenResource(figures: FigureTotals) {
  return {
    postsNeeded: figures.postsNeeded,
    inPost: figures.inPost,
    inPostComputed: figures.inPostComputed,
    vacancies: figures.vacancies,
    plannedToRecruit: figures.plannedToRecruit,
    plannedToTrain: figures.plannedToTrain,
    openCampaignPosts: figures.campaignPosts,
  }
}

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
    const [{ lines, totals }, freezes] = await Promise.all([planFigures(plan), planFreezes(plan)])
    const frozenLine = (frozen: FrozenFigures | null, roleProfileId: number) => {
      const line = frozen?.lines.get(roleProfileId)
      return line ? frozenResource(line) : null
    }
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
          atSubmission: frozenLine(freezes.submission, line.roleProfile.id),
          atApproval: frozenLine(freezes.approval, line.roleProfile.id),
        })),
        totals: {
          postsNeeded: totals.postsNeeded,
          inPost: totals.inPost,
          vacancies: totals.vacancies,
          plannedToRecruit: totals.plannedToRecruit,
          plannedToTrain: totals.plannedToTrain,
          openCampaignPosts: totals.campaignPosts,
          atSubmission: freezes.submission ? frozenResource(freezes.submission.totals) : null,
          atApproval: freezes.approval ? frozenResource(freezes.approval.totals) : null,
        },
        figuresFrozenAt: {
          submission: freezes.submission?.takenAt.toISO() ?? null,
          approval: freezes.approval?.takenAt.toISO() ?? null,
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
