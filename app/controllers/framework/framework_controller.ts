import type { HttpContext } from '@adonisjs/core/http'
import { familiesWithRoles, searchFramework } from '#queries/framework/framework_query'

export default class FrameworkController {
  async index({ request, view }: HttpContext) {
    const term = String(request.input('q', '')).trim().slice(0, 100)
    const results = term ? await searchFramework(term) : null
    return view.render('pages/framework/index', {
      families: await familiesWithRoles(),
      term,
      results,
    })
  }
}
