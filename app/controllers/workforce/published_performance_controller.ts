import type { HttpContext } from '@adonisjs/core/http'
import { found } from '#services/params'
import {
  findPublishedService,
  publishedServices,
  servicePerformance,
} from '#queries/workforce/service_performance_query'
import { CHANNELS, channelLabels, indicatorLabels } from '#domain/workforce/service_performance'

/*
 * Strategy action 13 in public, as the Performance Platform published it:
 * the services whose departments publish them, each with its four
 * indicators and volumes period by period. For anyone, signed in or not;
 * nothing else of the service (its notes, its costs, its people) is shown.
 */
export default class PublishedPerformanceController {
  async index({ view }: HttpContext) {
    return view.render('pages/workforce/published/index', { services: await publishedServices() })
  }

  async show({ params, view }: HttpContext) {
    const service = found(await findPublishedService(params.id))
    const { periods } = await servicePerformance(service)
    return view.render('pages/workforce/published/show', {
      service,
      periods,
      channels: CHANNELS.map((channel) => ({ channel, label: channelLabels[channel] })),
      indicatorLabels,
    })
  }
}
