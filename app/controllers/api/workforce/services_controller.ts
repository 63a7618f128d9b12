import type { HttpContext } from '@adonisjs/core/http'
import { servicePage } from '#queries/workforce/services_query'
import { digitalLeaderCompliance } from '#queries/workforce/compliance_query'
import { apiSerializer } from '#services/api'
import { noOrganisation } from '#controllers/api/hr_access'
import { serviceQueryValidator, yesNo } from '#validators/api'
import { withoutBlanks } from '#services/list_pipeline'
import {
  DigitalLeaderStandingTransformer,
  ServiceTransformer,
} from '#transformers/workforce_transformer'

/*
 * Services and strategy actions 01 and 02 in the JSON API, for department
 * HR (their own organisation tree) and capability admins (everything). An
 * organisation filter outside the caller's scope answers 404, as the
 * other lists do.
 */
export default class ServicesController {
  async index({ bouncer, organisationScope, request, response }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await organisationScope()
    const input = await serviceQueryValidator.validate(withoutBlanks(request.qs()))
    if (input.organisation !== undefined && !(await scope.includes(input.organisation))) {
      return noOrganisation(response)
    }
    const page = input.page ?? 1
    const perPage = input.perPage ?? 25
    const filters = {
      organisationId: input.organisation ?? null,
      phase: input.phase ?? null,
      overThreshold: yesNo(input.overThreshold),
      compliant: yesNo(input.compliant),
    }
    const { rows, total } = await servicePage(scope, filters, page, perPage)
    return apiSerializer.page(ServiceTransformer.paginate(rows, { total, page, perPage }))
  }

  async digitalLeaders({ bouncer, organisationScope }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await organisationScope()
    const result = await digitalLeaderCompliance(scope)
    return apiSerializer.serialize(DigitalLeaderStandingTransformer.transform(result.organisations))
  }
}
