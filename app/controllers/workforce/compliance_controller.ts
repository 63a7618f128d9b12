import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import {
  complianceStatusLabels,
  digitalLeaderCompliance,
  serviceManagerCompliance,
  servicesWithWarnings,
} from '#queries/workforce/compliance_query'
import workforceConfig from '#config/workforce'
import { organisationTypeLabels } from '#enums/organisation_types'
import { SERVICE_MANAGER_THRESHOLD } from '#enums/workforce'

/* Strategy actions 01 and 02 for the user's scope: who meets action 01, which services fail or are warned about. */
export default class ComplianceController {
  async index({ bouncer, organisationScope, view }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await organisationScope()
    const leaders = await digitalLeaderCompliance(scope)
    const services = await serviceManagerCompliance(scope)
    const warnings = await servicesWithWarnings(scope)
    return view.render('pages/workforce/compliance/index', {
      leaders,
      services,
      warnings,
      policy: workforceConfig.serviceManagers,
      complianceStatusLabels,
      organisationTypeLabels,
      threshold: SERVICE_MANAGER_THRESHOLD,
    })
  }

  /* Action 01 as CSV: every organisation it covers in scope, meeting it or not. */
  async digitalLeadersCsv(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    return exportList(ctx, 'digitalLeaders')
  }

  /* Action 02 as CSV: every service over the threshold in scope, with its status. */
  async servicesCsv(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    return exportList(ctx, 'serviceManagers')
  }
}
