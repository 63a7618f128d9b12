import type { HttpContext } from '@adonisjs/core/http'
import { OrganisationScope } from '#services/organisation_scope'
import { servicePage, type ServiceRow } from '#queries/workforce/services_query'
import { digitalLeaderCompliance, passes } from '#queries/workforce/compliance_query'
import { listEnvelope, problem } from '#services/api'
import { serviceQueryValidator, yesNo } from '#validators/api'
import { withoutBlanks } from '#services/list_pipeline'

/* A service as the API shows it, with its standing against action 02. */
function serviceResource(row: ServiceRow) {
  const compliant = passes(row.status)
  return {
    id: row.id,
    name: row.name,
    organisation: { id: row.organisationId, name: row.organisationName },
    annualTransactions: row.annualTransactions,
    phase: row.phase,
    isExemplar: row.isExemplar,
    hasDigitalChannel: row.hasDigitalChannel,
    digitallyDelivered: row.digitallyDelivered,
    overThreshold: row.overThreshold,
    serviceManager: row.serviceManager
      ? { id: row.serviceManager.id, name: row.serviceManager.name }
      : null,
    compliance: {
      required: row.status !== 'not_required',
      compliant,
      reason: compliant ? null : row.status,
    },
    warnings: row.warnings,
  }
}

/*
 * Services and strategy actions 01 and 02 in the JSON API, for department
 * HR (their own organisation tree) and capability admins (everything). An
 * organisation filter outside the caller's scope answers 404, as the
 * other lists do.
 */
export default class ServicesController {
  async index({ auth, bouncer, request, response }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await OrganisationScope.forUser(auth.use('api').getUserOrFail())
    const input = await serviceQueryValidator.validate(withoutBlanks(request.qs()))
    if (input.organisation !== undefined && !(await scope.includes(input.organisation))) {
      return problem(response, 404, 'There is no organisation with this id that you can see.')
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
    return listEnvelope(rows.map(serviceResource), total, page, perPage)
  }

  async digitalLeaders({ auth, bouncer }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await OrganisationScope.forUser(auth.use('api').getUserOrFail())
    const result = await digitalLeaderCompliance(scope)
    return {
      data: result.organisations.map((row) => ({
        organisation: row.organisation,
        digitalLeader: row.digitalLeader
          ? { id: row.digitalLeader.id, name: row.digitalLeader.name }
          : null,
        compliant: row.compliant,
        state: row.state,
        reason: row.reason,
      })),
    }
  }
}
