import type { HttpContext } from '@adonisjs/core/http'
import { databaseHealth } from '#services/health'

/*
 * Liveness and database state, for load balancers and operators.
 */
export default class HealthController {
  async show({ response }: HttpContext) {
    const database = await databaseHealth()
    const healthy = database.status === 'ok'
    return response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'unavailable',
      checks: { database },
      time: new Date().toISOString(),
    })
  }
}
