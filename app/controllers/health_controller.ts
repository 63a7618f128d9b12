import { timingSafeEqual } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import { databaseHealth } from '#services/health'

/* Whether the request carries the operators' HEALTH_TOKEN (none is set: nobody does). */
function fromOperator(authorization: string | undefined) {
  const token = env.get('HEALTH_TOKEN')?.release()
  if (!token || !authorization?.startsWith('Bearer ')) return false
  const given = Buffer.from(authorization.slice('Bearer '.length))
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/*
 * Liveness for load balancers: ok or unavailable, and nothing else for
 * anyone. Operators sending HEALTH_TOKEN also get the database's state.
 */
export default class HealthController {
  async show({ request, response }: HttpContext) {
    const database = await databaseHealth()
    const healthy = database.status === 'ok'
    const status = healthy ? 'ok' : 'unavailable'
    response.status(healthy ? 200 : 503)
    if (!fromOperator(request.header('authorization'))) return { status }
    return { status, checks: { database }, time: new Date().toISOString() }
  }
}
