/*
 * Course admins in the JSON API: adding courses and their sessions.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CourseAdminController = () => import('#controllers/api/learning/admin_controller')

router
  .group(() => {
    router.post('/courses', [CourseAdminController, 'storeCourse']).as('api.courses.store')
    router
      .post('/courses/:id/sessions', [CourseAdminController, 'storeSession'])
      .as('api.courses.sessions.store')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
