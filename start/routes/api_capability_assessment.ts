/*
 * Capability in the JSON API: the caller's self-assessment and a line
 * manager's validation of a report's.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AssessmentsController = () => import('#controllers/api/capability/assessments_controller')

router
  .group(() => {
    router
      .put('/me/assessments', [AssessmentsController, 'update'])
      .as('api.capability.assessments.update')
    router
      .post('/assessments/:id/validation', [AssessmentsController, 'validate'])
      .as('api.capability.assessments.validate')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
