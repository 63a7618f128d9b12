import type { HttpContext } from '@adonisjs/core/http'
import { apiSerializer, problem } from '#services/api'
import { hrOrAdmin, noOrganisation } from '#controllers/api/hr_access'
import { pagingQueryValidator } from '#validators/api'
import { withoutBlanks } from '#services/list_pipeline'
import {
  findPlanInScope,
  organisationPlans,
  planFigures,
  planFreezes,
} from '#queries/workforce/plans_query'
import { CapabilityPlanTransformer } from '#transformers/workforce_transformer'

/*
 * Capability plans in the JSON API, for department HR of the organisation's
 * tree and capability admins. Anything outside the caller's scope answers
 * 404, as if it did not exist.
 */
export default class PlansController {
  async index({ auth, organisationScope, params, request, response }: HttpContext) {
    if (!hrOrAdmin({ auth, response })) return
    const scope = await organisationScope()
    const id = Number(params.id)
    if (!Number.isSafeInteger(id) || id < 1 || !(await scope.includes(id))) {
      return noOrganisation(response)
    }
    const input = await pagingQueryValidator.validate(withoutBlanks(request.qs()))
    const page = input.page ?? 1
    const perPage = input.perPage ?? 25
    const { rows, total } = await organisationPlans(id, page, perPage)
    return apiSerializer.page(
      CapabilityPlanTransformer.paginate(rows, { total, page, perPage }).useVariant('forList')
    )
  }

  async show({ auth, organisationScope, params, response }: HttpContext) {
    if (!hrOrAdmin({ auth, response })) return
    const scope = await organisationScope()
    const plan = await findPlanInScope(scope, params.id)
    if (!plan)
      return problem(response, 404, 'There is no capability plan with this id that you can see.')
    const [{ lines, totals }, freezes] = await Promise.all([planFigures(plan), planFreezes(plan)])
    return apiSerializer.serialize(
      CapabilityPlanTransformer.transform({
        id: plan.id,
        financialYear: plan.yearLabel,
        status: plan.status,
        detail: { plan, lines, totals, freezes },
      })
    )
  }
}
