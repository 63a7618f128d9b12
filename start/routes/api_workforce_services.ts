/*
 * Services and strategy actions 01 and 02 in the JSON API.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ServicesController = () => import('#controllers/api/workforce/services_controller')

router
  .group(() => {
    router.get('/services', [ServicesController, 'index']).as('api.services.index')
    router
      .get('/compliance/digital-leaders', [ServicesController, 'digitalLeaders'])
      .as('api.compliance.digital_leaders')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
