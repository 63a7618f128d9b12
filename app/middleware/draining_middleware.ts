import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isDraining } from '#services/draining'

/* Once the process is shutting down, each answer closes its connection after it. */
export default class DrainingMiddleware {
  async handle({ response }: HttpContext, next: NextFn) {
    if (isDraining()) response.header('Connection', 'close')
    return next()
  }
}
