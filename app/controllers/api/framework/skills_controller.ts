import type { HttpContext } from '@adonisjs/core/http'
import { listQueryValidator } from '#validators/api'
import { skillPage } from '#queries/framework/framework_api_query'
import { skillWithUsage } from '#queries/framework/framework_query'
import { skillResource } from '#transformers/framework_transformer'
import { listEnvelope } from '#services/api'
import { idParam } from '#services/params'
import { skillLevelName } from '#domain/framework/levels'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

export default class SkillsController {
  async index({ request }: HttpContext) {
    const filters = await listQueryValidator.validate(request.qs())
    const page = await skillPage({
      ...filters,
      page: filters.page ?? 1,
      perPage: filters.perPage ?? 25,
    })
    const meta = page.getMeta()
    return listEnvelope(page.all().map(skillResource), meta.total, meta.currentPage, meta.perPage)
  }

  async show({ params }: HttpContext) {
    const found = await skillWithUsage(idParam(params.id))
    if (!found) throw new RecordNotFoundException()
    return {
      data: {
        ...skillResource(found.skill),
        neededBy: found.usage.map((row) => ({
          roleLevel: { id: row.role_level_id, name: row.role_level_name },
          roleProfile: { id: row.role_profile_id, name: row.role_profile_name },
          level: Number(row.level),
          levelName: skillLevelName(Number(row.level)),
        })),
      },
    }
  }
}
