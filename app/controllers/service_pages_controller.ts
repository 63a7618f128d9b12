import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import env from '#start/env'
import { UK_ZONE } from '#domain/shared/uk_time'
import { databaseHealth } from '#services/health'

/*
 * The pages every service has, for anyone, signed in or not: the
 * accessibility statement, cookies, the privacy notice, how to give
 * feedback, and the service's status as a page (/health stays the
 * load balancers' JSON).
 */
export default class ServicePagesController {
  accessibility({ view }: HttpContext) {
    return view.render('pages/service/accessibility')
  }

  cookies({ view }: HttpContext) {
    return view.render('pages/service/cookies')
  }

  privacy({ view }: HttpContext) {
    return view.render('pages/service/privacy')
  }

  feedback({ view }: HttpContext) {
    return view.render('pages/service/feedback', { supportEmail: env.get('SUPPORT_EMAIL') ?? null })
  }

  async status({ response, view }: HttpContext) {
    const database = await databaseHealth()
    const running = database.status === 'ok'
    response.status(running ? 200 : 503)
    return view.render('pages/service/status', {
      running,
      checkedAt: DateTime.now().setZone(UK_ZONE),
    })
  }
}
