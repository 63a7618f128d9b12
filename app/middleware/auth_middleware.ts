import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { errors } from '@adonisjs/auth'
import { loadIdentity } from '#services/identity'

/*
 * Insists on a signed-in, active user: pages send others to sign in,
 * the API answers 401.
 */
export default class AuthMiddleware {
  redirectTo = '/sign-in'

  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    const guards = options.guards ?? ['web']
    const user = await ctx.auth.authenticateUsing(guards, { loginRoute: this.redirectTo })
    if (!user.isActive) {
      if (ctx.auth.authenticatedViaGuard === 'web') await ctx.auth.use('web').logout()
      throw new errors.E_UNAUTHORIZED_ACCESS('Your account has been deactivated', {
        guardDriverName: ctx.auth.authenticatedViaGuard === 'api' ? 'access_tokens' : 'session',
        redirectTo: this.redirectTo,
      })
    }
    if (user.isLineManager === undefined) await loadIdentity(user)
    return next()
  }
}
