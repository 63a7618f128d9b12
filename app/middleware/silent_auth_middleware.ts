import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { loadIdentity, sessionNamesSomeone } from '#services/identity'

/*
 * Reads the session (without insisting on one) so every page knows who is
 * signed in; a deactivated account's session is ended at once.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (
      !ctx.request.url().startsWith('/api/') &&
      sessionNamesSomeone(ctx) &&
      (await ctx.auth.check())
    ) {
      const user = ctx.auth.getUserOrFail()
      if (!user.isActive) await ctx.auth.use('web').logout()
      else if (user.isLineManager === undefined) await loadIdentity(user)
    }
    if ('view' in ctx) {
      ctx.view.share({ currentUser: ctx.auth.user?.isActive ? ctx.auth.user : null })
    }
    return next()
  }
}
