import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { Exception } from '@adonisjs/core/exceptions'
import router from '@adonisjs/core/services/router'
import { deferCsrfCheck } from '#services/uploads'

/* The name the upload middleware is registered under in start/kernel.ts. */
const UPLOAD_MIDDLEWARE = 'upload'

/*
 * Multipart bodies are left unread by the body parser (config/bodyparser.ts).
 * This refuses one with 415 unless its address is a route that uses the
 * upload middleware, which reads it once the person is signed in and
 * allowed; for those, the CSRF check waits for the body.
 */
export default class MultipartGateMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.bodyType !== 'multipart') return next()
    const matched = router.match(
      ctx.request.url(),
      ctx.request.method(),
      ctx.request.parsedUrl.shouldDecodeParam,
      router.usingDomains ? ctx.request.hostname() : undefined
    )
    const takesUploads =
      matched !== null &&
      [...matched.route.middleware.all()].some(
        (entry) => typeof entry !== 'function' && entry.name === UPLOAD_MIDDLEWARE
      )
    if (!takesUploads) {
      throw new Exception('This address does not take file uploads', {
        status: 415,
        code: 'E_UNSUPPORTED_MEDIA_TYPE',
      })
    }
    deferCsrfCheck(ctx)
    return next()
  }
}
