import type { HttpContext } from '@adonisjs/core/http'
import { administrationCounts, directReports } from '#queries/identity/home_query'
import { roleLabels, roleDescriptions } from '#enums/roles'
import { homeTasks } from '#queries/identity/home_tasks_query'

export default class HomeController {
  async show({ auth, organisationScope, view }: HttpContext) {
    const user = auth.getUserOrFail()
    await user.load((loader) => {
      loader
        .load('organisation', (query) => query.preload('parent'))
        .load('lineManager')
        .load('team')
    })
    const scope = await organisationScope()
    const counts = scope.isEmpty ? null : await administrationCounts(scope)
    const [reports, sections] = await Promise.all([
      user.isLineManager ? directReports(user) : [],
      homeTasks(user, scope),
    ])
    return view.render('pages/home', {
      user,
      sections,
      counts,
      reports,
      roleLabels,
      roleDescriptions,
    })
  }
}
