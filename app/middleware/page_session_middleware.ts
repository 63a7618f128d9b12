import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import { isApiCall } from '#services/api'
import { isPackageFileRequest } from '#services/package_paths'

/*
 * The session, for pages. A call to the JSON API carries a bearer token
 * instead: reading and writing a session for it would cost a store round
 * trip and give the client a cookie it has no use for. So does an
 * e-learning package's file: its sandboxed frame sends no cookie, and its
 * address carries a launch token instead.
 */
export default class PageSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isApiCall(ctx.request) || isPackageFileRequest(ctx.request)) return next()
    const session = await app.container.make(SessionMiddleware)
    return session.handle(ctx, next)
  }
}
