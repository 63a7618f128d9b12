import type { HttpContext } from '@adonisjs/core/http'
import type Service from '#models/service'
import { apiSerializer, fieldProblems, problem } from '#services/api'
import {
  findReportableService,
  servicePerformance,
} from '#queries/workforce/service_performance_query'
import { reportServicePerformance } from '#actions/workforce/report_service_performance'
import { apiPerformanceValidator, performanceInput } from '#validators/service_performance'
import { performanceProblems } from '#services/service_performance_messages'
import { ServicePerformanceTransformer } from '#transformers/workforce_transformer'

/*
 * Strategy action 13 in the JSON API, for automated collection: a
 * service's performance period by period, and a period's figures put
 * whole (the same figures again change nothing). For the service's Service
 * Manager, HR whose organisation tree runs it and capability admins; any
 * other service answers 404, as one that does not exist.
 */
export default class ServicePerformanceController {
  async index(ctx: HttpContext) {
    const service = await this.service(ctx)
    if (!service) return
    const { periods, missing } = await servicePerformance(service)
    const { data } = await apiSerializer.serialize(ServicePerformanceTransformer.transform(periods))
    return {
      data,
      meta: {
        service: { id: service.id, name: service.name },
        reportingPeriod: service.reportingPeriod,
        missingPeriods: missing.map((gap) => gap.period.key),
      },
    }
  }

  async update(ctx: HttpContext) {
    const service = await this.service(ctx)
    if (!service) return
    const body = await ctx.request.validateUsing(apiPerformanceValidator)
    const result = await reportServicePerformance(
      service,
      String(ctx.params.period),
      performanceInput(body, 'pence'),
      ctx.auth.getUserOrFail()
    )
    switch (result.type) {
      case 'saved': {
        const { periods } = await servicePerformance(service)
        const key = result.report.periodStart.toISODate()
        const row = periods.find((period) => period.period.start === key)!
        ctx.response.status(result.created ? 201 : 200)
        return apiSerializer.serialize(ServicePerformanceTransformer.transform(row))
      }
      case 'no_such_period':
        return problem(
          ctx.response,
          404,
          service.reportingPeriod === 'monthly'
            ? 'The service reports monthly: name a month like 2026-10.'
            : 'The service reports quarterly: name a calendar quarter like 2026-Q4.'
        )
      case 'future_period':
      case 'reported_at_once':
      case 'figures_wrong':
        return fieldProblems(ctx.response, performanceProblems(result, 'pence'))
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* The service of the address when the caller may report for it, or null once a 404 has been sent. */
  private async service({
    auth,
    organisationScope,
    params,
    response,
  }: HttpContext): Promise<Service | null> {
    const service = await findReportableService(
      auth.getUserOrFail(),
      await organisationScope(),
      params.id
    )
    if (!service) {
      problem(response, 404, 'There is no service with this id whose performance you report.')
    }
    return service
  }
}
