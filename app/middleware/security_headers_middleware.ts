import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/*
 * Headers every page and API answer carries (static assets are served
 * before this runs and stay cacheable): nothing the service answers is kept
 * by a browser or a proxy, so Back after signing out shows no private page;
 * other sites get no address of ours beyond the origin; features the
 * service never uses are switched off; and no page opened from another
 * site can reach this one's window.
 */
const HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

export default class SecurityHeadersMiddleware {
  async handle({ response }: HttpContext, next: NextFn) {
    for (const [name, value] of Object.entries(HEADERS)) response.header(name, value)
    return next()
  }
}
