/*
 * Capability in the JSON API, for the caller: their gaps and development plan.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const GapsController = () => import('#controllers/api/capability/gaps_controller')

router
  .group(() => {
    router.get('/me/gaps', [GapsController, 'gaps']).as('api.me.gaps')
    router.get('/me/plan', [GapsController, 'plan']).as('api.me.plan')
    router.post('/me/plan/items', [GapsController, 'storePlanItem']).as('api.me.plan.items.store')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
