import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'

/* The session, for pages; calls under /api/ go without, as in the service. */
export default class PageSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.url().startsWith('/api/')) return next()
    const session = await app.container.make(SessionMiddleware)
    return session.handle(ctx, next)
  }
}
