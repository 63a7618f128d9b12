import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/* Where the built styles, scripts and images are served from (config/vite.ts). */
const ASSETS = '/assets/'

/*
 * Static files, only under /assets: nothing else is in public/, so no
 * other address needs a look at the file system before its route runs.
 */
export default class AssetsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.request.url().startsWith(ASSETS)) return next()
    const assets = await app.container.make(StaticMiddleware)
    return assets.handle(ctx, next)
  }
}
