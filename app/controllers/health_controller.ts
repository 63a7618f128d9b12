import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'

/*
 * Liveness and database state, for load balancers and operators.
 */
export default class HealthController {
  async show({ response }: HttpContext) {
    const started = process.hrtime.bigint()
    let database: { status: 'ok' | 'unavailable'; connection: string; latencyMs?: number }
    const connection = db.primaryConnectionName
    try {
      await db.rawQuery('select 1 as ok')
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6
      database = { status: 'ok', connection, latencyMs: Math.round(latencyMs * 100) / 100 }
    } catch {
      database = { status: 'unavailable', connection }
    }
    const healthy = database.status === 'ok'
    return response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'unavailable',
      checks: { database },
      time: new Date().toISOString(),
    })
  }
}
