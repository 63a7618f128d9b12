/*
 * Capability: a person's skills gaps, booking from them, and development plans.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const GapsController = () => import('#controllers/capability/gaps_controller')
const PlanController = () => import('#controllers/capability/plan_controller')

router
  .group(() => {
    router.get('/gaps', [GapsController, 'show']).as('capability.gaps')
    router.post('/gaps/sessions/:id/enrol', [GapsController, 'enrol']).as('capability.gaps.enrol')
    router.get('/plan', [PlanController, 'show']).as('capability.plan')
    router.get('/plan.csv', [PlanController, 'csv']).as('capability.plan.csv')
    router.post('/plan/items', [PlanController, 'store']).as('capability.plan.items.store')
    router
      .post('/plan/items/:id/status', [PlanController, 'updateStatus'])
      .as('capability.plan.items.status')
    router
      .post('/plan/items/:id/delete', [PlanController, 'destroy'])
      .as('capability.plan.items.destroy')
    router.get('/people/:id/plan', [PlanController, 'person']).as('capability.people.plan')
    router
      .get('/people/:id/plan.csv', [PlanController, 'personCsv'])
      .as('capability.people.plan.csv')
    router
      .post('/people/:id/plan/agree', [PlanController, 'agree'])
      .as('capability.people.plan.agree')
  })
  .prefix('/capability')
  .use(middleware.auth())
