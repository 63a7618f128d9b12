/*
 * Routes: one file an area under start/routes/, each with its pages and
 * then its part of the JSON API under /api/v1. What belongs to no area
 * stays here: the health check, the API's own description and the pages
 * every service has (accessibility, cookies, privacy, feedback, status).
 */
import router from '@adonisjs/core/services/router'
import '#start/route_params'
import '#start/routes/identity'
import '#start/routes/framework'
import '#start/routes/learning'
import '#start/routes/learning_packages'
import '#start/routes/capability'
import '#start/routes/workforce'
import '#start/routes/fast_stream'
import '#start/routes/insights'
import '#start/routes/exports'

const HealthController = () => import('#controllers/health_controller')
const OpenApiController = () => import('#controllers/api/openapi_controller')
const ServicePagesController = () => import('#controllers/service_pages_controller')

router.get('/health', [HealthController, 'show']).as('health')
router.get('/api/v1/openapi.json', [OpenApiController, 'document']).as('api.openapi')
router.get('/api/docs', [OpenApiController, 'reference']).as('api.docs')

router.get('/accessibility', [ServicePagesController, 'accessibility']).as('service.accessibility')
router.get('/cookies', [ServicePagesController, 'cookies']).as('service.cookies')
router.get('/privacy', [ServicePagesController, 'privacy']).as('service.privacy')
router.get('/feedback', [ServicePagesController, 'feedback']).as('service.feedback')
router.get('/status', [ServicePagesController, 'status']).as('service.status')
