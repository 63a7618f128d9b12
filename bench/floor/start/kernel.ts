import server from '@adonisjs/core/services/server'

/*
 * As the service runs them: the body parser, then the session and shield
 * for pages only (a call under /api/ has neither, as in the service's
 * app/middleware/page_*_middleware.ts).
 */
server.errorHandler(() => import('../exceptions/handler.js'))
server.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('../middleware/page_session_middleware.js'),
  () => import('../middleware/page_shield_middleware.js'),
])
