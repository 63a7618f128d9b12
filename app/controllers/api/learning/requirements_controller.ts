import type { HttpContext } from '@adonisjs/core/http'
import { requirementApiValidator, complianceFiltersValidator } from '#validators/required_learning'
import { setRequirement } from '#actions/learning/set_requirement'
import {
  complianceByOrganisation,
  complianceCounts,
  compliancePeople,
  findRequirementInScope,
  requiredOf,
  requirementsInForce,
} from '#queries/learning/required_learning_query'
import { requirementFieldProblem } from '#services/required_learning_messages'
import { apiSerializer, fieldProblems, problem } from '#services/api'
import { hrOrAdmin } from '#controllers/api/hr_access'
import { withoutBlanks } from '#services/list_pipeline'
import {
  RequiredLearningTransformer,
  RequirementComplianceTransformer,
  RequirementTransformer,
} from '#transformers/required_learning_transformer'

const NO_REQUIREMENT = 'There is no requirement with this id that you can see.'

/*
 * Required learning in the JSON API: the caller's own requirements, and
 * for capability admins and department HR, the requirements in force with
 * their compliance, setting one, and one requirement's compliance.
 */
export default class RequirementsController {
  async mine({ auth }: HttpContext) {
    const required = await requiredOf(auth.getUserOrFail())
    return apiSerializer.serialize(RequiredLearningTransformer.transform(required))
  }

  async index(ctx: HttpContext) {
    if (!hrOrAdmin(ctx)) return
    const scope = await ctx.organisationScope()
    const rows = []
    for (const requirement of await requirementsInForce(scope)) {
      rows.push({ requirement, counts: await complianceCounts(requirement, scope) })
    }
    return apiSerializer.serialize(RequirementTransformer.transform(rows))
  }

  async store(ctx: HttpContext) {
    if (!hrOrAdmin(ctx)) return
    const { auth, organisationScope, request, response } = ctx
    const input = await request.validateUsing(requirementApiValidator)
    const scope = await organisationScope()
    const result = await setRequirement(input, auth.getUserOrFail(), scope)
    if (result.type !== 'saved') return fieldProblems(response, [requirementFieldProblem(result)])
    const requirement = (await findRequirementInScope(scope, result.requirement.id))!
    response.status(201)
    return apiSerializer.serialize(
      RequirementTransformer.transform({
        requirement,
        counts: await complianceCounts(requirement, scope),
      })
    )
  }

  async compliance(ctx: HttpContext) {
    if (!hrOrAdmin(ctx)) return
    const { organisationScope, params, request, response } = ctx
    const scope = await organisationScope()
    const requirement = await findRequirementInScope(scope, params.id)
    if (!requirement) return problem(response, 404, NO_REQUIREMENT)
    const filters = await complianceFiltersValidator.validate(withoutBlanks(request.qs()))
    const [counts, organisations, people] = await Promise.all([
      complianceCounts(requirement, scope),
      complianceByOrganisation(requirement, scope),
      compliancePeople(
        requirement,
        scope,
        { state: filters.state, organisationId: filters.organisation },
        filters.page ?? 1,
        filters.perPage ?? 25
      ),
    ])
    return {
      ...(await apiSerializer.serialize(
        RequirementComplianceTransformer.transform({
          requirementId: requirement.id,
          counts,
          organisations,
          people: people.people,
        })
      )),
      meta: {
        total: people.paginator.total,
        page: people.paginator.currentPage,
        perPage: people.paginator.perPage,
        lastPage: Math.max(1, people.paginator.lastPage),
      },
    }
  }
}
