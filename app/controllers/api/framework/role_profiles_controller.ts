import type { HttpContext } from '@adonisjs/core/http'
import { listQueryValidator } from '#validators/api'
import { roleProfilePage } from '#queries/framework/framework_api_query'
import { roleProfileWithMatrix } from '#queries/framework/framework_query'
import { RoleProfileTransformer } from '#transformers/framework_transformer'
import { apiSerializer, pageOf } from '#services/api'
import { idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

export default class RoleProfilesController {
  async index({ request }: HttpContext) {
    const filters = await listQueryValidator.validate(request.qs())
    const { page, profiles } = await roleProfilePage({
      ...filters,
      page: filters.page ?? 1,
      perPage: filters.perPage ?? 25,
    })
    return apiSerializer.page(RoleProfileTransformer.paginate(profiles, pageOf(page.getMeta())))
  }

  async show({ params }: HttpContext) {
    const found = await roleProfileWithMatrix(idParam(params.id))
    if (!found) throw new RecordNotFoundException()
    return apiSerializer.serialize(
      RoleProfileTransformer.transform(found.role).useVariant('withRequirements')
    )
  }
}
