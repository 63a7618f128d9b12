import type { HttpContext } from '@adonisjs/core/http'
import { progressionQueryValidator } from '#validators/api'
import { comparisonBetween } from '#actions/framework/compare_role_levels'
import { ProgressionTransformer } from '#transformers/framework_transformer'
import { apiSerializer, fieldProblems, problem } from '#services/api'

export default class ProgressionController {
  async show({ request, response }: HttpContext) {
    const { from, to } = await progressionQueryValidator.validate(request.qs())
    const result = await comparisonBetween(from, to)
    switch (result.type) {
      case 'compared':
        return apiSerializer.serialize(ProgressionTransformer.transform(result))
      case 'from_not_found':
      case 'to_not_found': {
        const field = result.type === 'from_not_found' ? 'from' : 'to'
        return fieldProblems(response, [
          { field, message: `${field} is not the id of a current role level`, rule: 'exists' },
        ])
      }
      case 'missing_levels':
        return problem(response, 422, 'Give both from and to.')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
