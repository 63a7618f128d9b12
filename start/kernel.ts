/*
 * HTTP middleware: the server stack runs for every request, the router
 * stack for every matched route, and named middleware where routes ask.
 */
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

/*
 * Session, shield and auth run for every request, not only matched routes,
 * so "page not found" is rendered with the same header and headers as any page.
 * Calls to the JSON API skip the session and shield's CSRF and nonce: they
 * carry a bearer token (app/middleware/page_*_middleware.ts).
 */
server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/draining_middleware'),
  () => import('#middleware/assets_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/page_session_middleware'),
  () => import('#middleware/bounded_flash_middleware'),
  () => import('#middleware/multipart_gate_middleware'),
  () => import('#middleware/page_shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/silent_auth_middleware'),
])

router.use([
  () => import('#middleware/api_body_middleware'),
  () => import('#middleware/two_step_required_middleware'),
])

export const middleware = router.named({
  auth: () => import('#middleware/auth_middleware'),
  guest: () => import('#middleware/guest_middleware'),
  upload: () => import('#middleware/upload_middleware'),
})
