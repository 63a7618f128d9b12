/*
 * Workforce in the JSON API: capability plans, for department HR and capability admins.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PlansController = () => import('#controllers/api/workforce/plans_controller')

router
  .group(() => {
    router
      .get('/organisations/:id/capability-plans', [PlansController, 'index'])
      .as('api.organisations.capability_plans')
    router.get('/capability-plans/:id', [PlansController, 'show']).as('api.capability_plans.show')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
