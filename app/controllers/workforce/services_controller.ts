import type { HttpContext } from '@adonisjs/core/http'
import type { FieldErrors, SavedAnswer } from '#start/http_context'
import type Service from '#models/service'
import { serviceValidator } from '#validators/workforce_services'
import { saveService, type SaveServiceResult } from '#actions/workforce/save_service'
import { servicesList } from '#exports/workforce'
import { organisationChoices } from '#queries/identity/organisations_query'
import { findServiceInScope, serviceCounts } from '#queries/workforce/services_query'
import { complianceStatusLabels } from '#queries/workforce/compliance_query'
import { SERVICE_MANAGER_THRESHOLD, servicePhaseLabels } from '#enums/workforce'

const FIELD_ERRORS: Record<Exclude<SaveServiceResult['type'], 'saved'>, FieldErrors> = {
  name_taken: { name: 'This organisation already has a service with this name' },
  manager_not_found: {
    serviceManagerEmail:
      'There is no active person with this email address: check it, or add them first',
  },
}
const refused = (result: { type: keyof typeof FIELD_ERRORS }) => FIELD_ERRORS[result.type]

const phaseOptions = Object.entries(servicePhaseLabels).map(([value, label]) => ({ value, label }))

/*
 * The register of services department HR and capability admins keep, with
 * each one's standing against strategy action 02. Services outside the
 * user's scope are answered 404, as if they did not exist.
 */
export default class ServicesController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    const { scope, filters, page, csvHref } = await servicesList.read(ctx)
    const counts = await serviceCounts(scope, filters)
    const organisations = await organisationChoices(scope)
    const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no')
    return ctx.view.render('pages/workforce/services/index', {
      services: page.rows,
      counts,
      organisations,
      phaseOptions,
      filters: {
        organisation: filters.organisationId ?? '',
        phase: filters.phase ?? '',
        overThreshold: yesNo(filters.overThreshold),
        compliant: yesNo(filters.compliant),
      },
      paginator: page.paginator,
      csvHref,
      complianceStatusLabels,
      servicePhaseLabels,
      threshold: SERVICE_MANAGER_THRESHOLD,
    })
  }

  /* The register with the same filters, as CSV. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    return servicesList.sendCsv(ctx)
  }

  async create({ bouncer, organisationScope, request, view }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await organisationScope()
    return view.render('pages/workforce/services/form', {
      service: null,
      organisationId: request.input('organisation'),
      organisations: await organisationChoices(scope),
      phaseOptions,
    })
  }

  async store({ answerSave, backWithErrors, bouncer, request }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const input = await request.validateUsing(serviceValidator)
    if (!(await bouncer.with('WorkforcePolicy').allows('manage', input.organisationId))) {
      return backWithErrors({ organisationId: 'Select the organisation that runs the service' })
    }
    const result = await saveService(input)
    return answerSave(result, saved('Service added'), refused)
  }

  async edit({ bouncer, inScope, organisationScope, params, view }: HttpContext) {
    const service = await this.findInScope({ bouncer, inScope }, params.id)
    const scope = await organisationScope()
    return view.render('pages/workforce/services/form', {
      service,
      organisationId: service.organisationId,
      organisations: await organisationChoices(scope),
      phaseOptions,
    })
  }

  async update({ answerSave, backWithErrors, bouncer, inScope, params, request }: HttpContext) {
    const service = await this.findInScope({ bouncer, inScope }, params.id)
    const input = await request.validateUsing(serviceValidator)
    if (!(await bouncer.with('WorkforcePolicy').allows('manage', input.organisationId))) {
      return backWithErrors({ organisationId: 'Select the organisation that runs the service' })
    }
    const result = await saveService(input, service)
    return answerSave(result, saved('Service updated'), refused)
  }

  private async findInScope(
    { bouncer, inScope }: Pick<HttpContext, 'bouncer' | 'inScope'>,
    id: unknown
  ): Promise<Service> {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    return inScope(findServiceInScope, id)
  }
}

/* A saved service goes back to the register, saying when its Service Manager works elsewhere. */
function saved(message: string) {
  return (result: Extract<SaveServiceResult, { type: 'saved' }>): SavedAnswer => {
    const elsewhere = result.managerElsewhere
    return [
      elsewhere
        ? `${message}: ${result.service.name}. The Service Manager, ${elsewhere.name}, works in another organisation (${elsewhere.organisationName})`
        : `${message}: ${result.service.name}`,
      'workforce.services.index',
    ]
  }
}
