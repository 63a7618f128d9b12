import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { boundedInput, FLASHED_INPUT_LIMIT } from '#services/flash_bounds'

/*
 * What a refused form flashes back is kept within a bound (runs inside the
 * session middleware, so after the error handler has flashed the input and
 * before the session is saved). A form with every field at its allowed
 * maximum fits; an oversized body does not make the session grow with it.
 */
export default class BoundedFlashMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const result = await next()
    const flash = ctx.session?.responseFlashMessages
    const input = flash?.get('input')
    if (input && typeof input === 'object') {
      flash.set('input', boundedInput(input as Record<string, unknown>, FLASHED_INPUT_LIMIT))
    }
    return result
  }
}
