import type { HttpContext } from '@adonisjs/core/http'
import { OrganisationScope } from '#services/organisation_scope'
import { administrationCounts, directReports } from '#queries/identity/home_query'
import { roleLabels, roleDescriptions } from '#enums/roles'

export default class HomeController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    await user.load((loader) => {
      loader
        .load('organisation', (query) => query.preload('parent'))
        .load('lineManager')
        .load('team')
    })
    const scope = await OrganisationScope.forUser(user)
    const counts = scope.isEmpty ? null : await administrationCounts(scope)
    const reports = user.isLineManager ? await directReports(user) : []
    return view.render('pages/home', { user, counts, reports, roleLabels, roleDescriptions })
  }
}
