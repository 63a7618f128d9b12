/*
 * Workforce: capability plans per organisation and financial year.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PlansController = () => import('#controllers/workforce/plans_controller')
const PlanLinesController = () => import('#controllers/workforce/plan_lines_controller')

router
  .group(() => {
    router.get('/plans', [PlansController, 'index']).as('workforce.plans.index')
    router.get('/plans.csv', [PlansController, 'csv']).as('workforce.plans.csv')
    router.post('/plans', [PlansController, 'store']).as('workforce.plans.store')
    router.get('/plans/:id', [PlansController, 'show']).as('workforce.plans.show')
    router.get('/plans/:id/lines', [PlanLinesController, 'lines']).as('workforce.plans.lines')
    router
      .post('/plans/:id/lines', [PlanLinesController, 'addLine'])
      .as('workforce.plans.lines.store')
    router
      .post('/plans/:id/lines/:lineId/delete', [PlanLinesController, 'removeLine'])
      .as('workforce.plans.lines.destroy')
    router.get('/plans/:id/numbers', [PlanLinesController, 'numbers']).as('workforce.plans.numbers')
    router
      .post('/plans/:id/numbers', [PlanLinesController, 'saveNumbers'])
      .as('workforce.plans.numbers.update')
    router.get('/plans/:id/check', [PlansController, 'check']).as('workforce.plans.check')
    router.post('/plans/:id/submit', [PlansController, 'submit']).as('workforce.plans.submit')
    router.post('/plans/:id/approve', [PlansController, 'approve']).as('workforce.plans.approve')
    router.post('/plans/:id/return', [PlansController, 'return']).as('workforce.plans.return')
  })
  .prefix('/workforce')
  .use(middleware.auth())
