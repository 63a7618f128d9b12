import type { HttpContext } from '@adonisjs/core/http'
import { listQueryValidator } from '#validators/api'
import { skillPage } from '#queries/framework/framework_api_query'
import { skillWithUsage } from '#queries/framework/framework_query'
import { SkillTransformer } from '#transformers/framework_transformer'
import { apiSerializer, pageOf } from '#services/api'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

export default class SkillsController {
  async index({ request }: HttpContext) {
    const filters = await listQueryValidator.validate(request.qs())
    const { page, skills } = await skillPage({
      ...filters,
      page: filters.page ?? 1,
      perPage: filters.perPage ?? 25,
    })
    return apiSerializer.page(
      SkillTransformer.paginate(
        skills.map((skill) => ({ skill })),
        pageOf(page.getMeta())
      )
    )
  }

  async show({ params }: HttpContext) {
    const found = await skillWithUsage(idParam(params.id))
    if (!found) throw new RecordNotFoundException()
    return apiSerializer.serialize(SkillTransformer.transform(found).useVariant('withUsage'))
  }
}
