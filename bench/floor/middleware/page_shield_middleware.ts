import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'

/* Fixed headers for a JSON answer, as the service gives its API's. */
const API_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Strict-Transport-Security': 'max-age=15552000',
}

/* Shield (CSRF, the CSP with its nonce, framing, HSTS, sniffing) for pages; fixed headers for /api/. */
export default class PageShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.url().startsWith('/api/')) {
      for (const [name, value] of Object.entries(API_HEADERS)) ctx.response.header(name, value)
      return next()
    }
    const shield = await app.container.make(ShieldMiddleware)
    return shield.handle(ctx, next)
  }
}
