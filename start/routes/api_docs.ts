/*
 * The API's description: the OpenAPI document and its reference page, for anyone.
 */
import router from '@adonisjs/core/services/router'

const OpenApiController = () => import('#controllers/api/openapi_controller')

router.get('/api/v1/openapi.json', [OpenApiController, 'document']).as('api.openapi')
router.get('/api/docs', [OpenApiController, 'reference']).as('api.docs')
