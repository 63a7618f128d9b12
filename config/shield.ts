import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/shield'
import { csrfCheckDeferred } from '#services/uploads'

/*
 * Strict Content Security Policy: scripts and styles only from this origin
 * or carrying the request's nonce. Alpine's CSP build works under it.
 */
const devConnect = app.inProduction ? [] : ['ws:', '@viteUrl']

const shieldConfig = defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@nonce', '@viteUrl'],
      styleSrc: [`'self'`, '@nonce', '@viteUrl'],
      imgSrc: [`'self'`, 'data:'],
      fontSrc: [`'self'`, '@viteUrl'],
      connectSrc: [`'self'`, ...devConnect],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
      baseUri: [`'self'`],
      objectSrc: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // An upload's token is in its multipart body: the upload middleware checks it once read.
    exceptRoutes: (ctx) => ctx.request.url().startsWith('/api/') || csrfCheckDeferred(ctx),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})

export default shieldConfig
