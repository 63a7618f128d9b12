import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { mustSetUpTwoStep } from '#services/two_step'
import { ACCOUNT_KEY } from '#controllers/identity/department_sign_in_controller'

/* The pages a person who must set up two-step verification can still use. */
const ALLOWED_ROUTES = new Set([
  'twoStep.create',
  'twoStep.store',
  'twoStep.qrCode',
  'session.destroy',
])

/*
 * When two-step verification is compulsory (config/two_step.ts), a
 * capability admin or department HR signed in with a password and
 * without it set up is sent to set it up before any other page; only the
 * set-up pages and signing out let them through. People signed in with
 * their department account are left alone: their provider does this.
 */
export default class TwoStepRequiredMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { route, session } = ctx
    if (!route || route.pattern.startsWith('/api/') || !('session' in ctx)) return next()
    const user = ctx.auth.user
    if (!user?.isActive || ALLOWED_ROUTES.has(route.name ?? '')) return next()
    if (session.has(ACCOUNT_KEY)) return next()
    if (user.identityRoles === undefined && user.roles === undefined) {
      await user.load((loader) => loader.load('roles'))
    }
    if (!(await mustSetUpTwoStep(user))) return next()
    return ctx.response.redirect().toRoute('twoStep.create')
  }
}
