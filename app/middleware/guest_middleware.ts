import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { sessionNamesSomeone } from '#services/identity'

/*
 * Keeps signed-in users away from the sign-in page.
 */
export default class GuestMiddleware {
  redirectTo = '/'

  async handle(ctx: HttpContext, next: NextFn) {
    if (sessionNamesSomeone(ctx) && (await ctx.auth.use('web').check())) {
      return ctx.response.redirect(this.redirectTo, true)
    }
    return next()
  }
}
