/*
 * Learning in the JSON API, for the learner: their own enrolments.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const EnrolmentsController = () => import('#controllers/api/learning/enrolments_controller')

router
  .group(() => {
    router
      .post('/sessions/:id/enrolments', [EnrolmentsController, 'store'])
      .as('api.learner.enrolments.store')
    router
      .delete('/enrolments/:id', [EnrolmentsController, 'destroy'])
      .as('api.learner.enrolments.destroy')
    router.get('/me/enrolments', [EnrolmentsController, 'index']).as('api.learner.enrolments.index')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
