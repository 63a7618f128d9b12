import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import string from '@adonisjs/core/helpers/string'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import shieldConfig from '#config/shield'
import { isApiCall } from '#services/api'
import { isPackageFileRequest } from '#services/package_paths'

/*
 * What shield gives a JSON answer, written once: it is never framed,
 * sniffed or run as a page, so its policy allows nothing at all and it
 * needs no nonce; HSTS as pages have it.
 */
const API_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Strict-Transport-Security': `max-age=${string.seconds.parse(shieldConfig.hsts!.maxAge!)}`,
}

/*
 * Shield (CSRF, the CSP with its nonce, framing, HSTS, sniffing) for
 * pages. A call to the JSON API is authenticated by a bearer token, which
 * a cross-site form cannot send, so it needs no CSRF check, and it gets
 * the fixed headers above instead of a per-request policy. An e-learning
 * package's file is only ever read (GET) and gets its sandbox policy from
 * its controller (app/services/package_player.ts).
 */
export default class PageShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isApiCall(ctx.request)) {
      for (const [name, value] of Object.entries(API_HEADERS)) ctx.response.header(name, value)
      return next()
    }
    if (isPackageFileRequest(ctx.request)) return next()
    const shield = await app.container.make(ShieldMiddleware)
    return shield.handle(ctx, next)
  }
}
