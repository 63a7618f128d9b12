import type { HttpContext } from '@adonisjs/core/http'
import { skillsByCategory, skillWithUsage } from '#queries/framework/framework_query'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { coursesBuildingSkill } from '#queries/learning/catalogue_query'
import { exportList } from '#services/exports'

export default class SkillsController {
  async index({ view }: HttpContext) {
    return view.render('pages/framework/skills', { categories: await skillsByCategory() })
  }

  /* Every skill in use with the role levels that need it, as the skills page lists them, as CSV. */
  async csv(ctx: HttpContext) {
    return exportList(ctx, 'skills')
  }

  async show({ params, view }: HttpContext) {
    const found = await skillWithUsage(idParam(params.id))
    if (!found) throw new RecordNotFoundException()
    return view.render('pages/framework/skill', {
      ...found,
      courses: await coursesBuildingSkill(found.skill.id),
    })
  }
}
