/*
 * Learning: courses, sessions and attendance, for course admins; training
 * providers and their course admins, for capability admins.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CoursesController = () => import('#controllers/learning/admin/courses_controller')
const CourseOutcomesController = () =>
  import('#controllers/learning/admin/course_outcomes_controller')
const CourseAudiencesController = () =>
  import('#controllers/learning/admin/course_audiences_controller')
const CourseSessionsController = () =>
  import('#controllers/learning/admin/course_sessions_controller')
const RostersController = () => import('#controllers/learning/admin/rosters_controller')
const ProvidersController = () => import('#controllers/learning/admin/providers_controller')

router
  .group(() => {
    router.get('/courses', [CoursesController, 'index']).as('learning.admin.courses.index')
    router.get('/courses.csv', [CoursesController, 'csv']).as('learning.admin.courses.csv')
    router.get('/courses/create', [CoursesController, 'create']).as('learning.admin.courses.create')
    router.post('/courses', [CoursesController, 'store']).as('learning.admin.courses.store')
    router.get('/courses/:id/edit', [CoursesController, 'edit']).as('learning.admin.courses.edit')
    router.put('/courses/:id', [CoursesController, 'update']).as('learning.admin.courses.update')

    router
      .post('/courses/:id/outcomes', [CourseOutcomesController, 'store'])
      .as('learning.admin.outcomes.store')
    router
      .get('/outcomes/:id/edit', [CourseOutcomesController, 'edit'])
      .as('learning.admin.outcomes.edit')
    router
      .put('/outcomes/:id', [CourseOutcomesController, 'update'])
      .as('learning.admin.outcomes.update')
    router
      .delete('/outcomes/:id', [CourseOutcomesController, 'destroy'])
      .as('learning.admin.outcomes.destroy')

    router
      .post('/courses/:id/audiences', [CourseAudiencesController, 'store'])
      .as('learning.admin.audiences.store')
    router
      .delete('/audiences/:id', [CourseAudiencesController, 'destroy'])
      .as('learning.admin.audiences.destroy')

    router
      .get('/courses/:id/sessions/create', [CourseSessionsController, 'create'])
      .as('learning.admin.sessions.create')
    router
      .post('/courses/:id/sessions', [CourseSessionsController, 'store'])
      .as('learning.admin.sessions.store')
    router
      .get('/sessions/:id/edit', [CourseSessionsController, 'edit'])
      .as('learning.admin.sessions.edit')
    router
      .put('/sessions/:id', [CourseSessionsController, 'update'])
      .as('learning.admin.sessions.update')
    router
      .get('/sessions/:id/cancel', [CourseSessionsController, 'confirmCancel'])
      .as('learning.admin.sessions.confirmCancel')
    router
      .post('/sessions/:id/cancel', [CourseSessionsController, 'cancel'])
      .as('learning.admin.sessions.cancel')

    router.get('/sessions/:id', [RostersController, 'show']).as('learning.admin.roster.show')
    router
      .get('/sessions/:id/roster.csv', [RostersController, 'csv'])
      .as('learning.admin.roster.csv')
    router
      .post('/sessions/:id/attendance', [RostersController, 'attendanceForMany'])
      .as('learning.admin.roster.attendance')
    router
      .post('/enrolments/:id/attendance', [RostersController, 'attendance'])
      .as('learning.admin.enrolments.attendance')
    router
      .get('/enrolments/:id/cancel', [RostersController, 'confirmCancel'])
      .as('learning.admin.enrolments.confirmCancel')
    router
      .post('/enrolments/:id/cancel', [RostersController, 'cancel'])
      .as('learning.admin.enrolments.cancel')

    router.get('/providers', [ProvidersController, 'index']).as('learning.admin.providers.index')
    router.get('/providers.csv', [ProvidersController, 'csv']).as('learning.admin.providers.csv')
    router.post('/providers', [ProvidersController, 'store']).as('learning.admin.providers.store')
    router.get('/providers/:id', [ProvidersController, 'show']).as('learning.admin.providers.show')
    router
      .post('/providers/:id/admins', [ProvidersController, 'linkAdmin'])
      .as('learning.admin.providers.linkAdmin')
    router
      .delete('/providers/:id/admins/:userId', [ProvidersController, 'unlinkAdmin'])
      .as('learning.admin.providers.unlinkAdmin')
  })
  .prefix('/learning/admin')
  .use(middleware.auth())
