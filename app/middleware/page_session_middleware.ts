import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import { isApiCall } from '#services/api'

/*
 * The session, for pages. A call to the JSON API carries a bearer token
 * instead: reading and writing a session for it would cost a store round
 * trip and give the client a cookie it has no use for.
 */
export default class PageSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isApiCall(ctx.request)) return next()
    const session = await app.container.make(SessionMiddleware)
    return session.handle(ctx, next)
  }
}
