/*
 * Capability: role levels, self-assessment and line managers' validations.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RoleAssignmentsController = () =>
  import('#controllers/capability/role_assignments_controller')
const SelfAssessmentController = () => import('#controllers/capability/self_assessment_controller')
const ValidationsController = () => import('#controllers/capability/validations_controller')

router
  .group(() => {
    router.get('/role', [RoleAssignmentsController, 'show']).as('capability.role.show')
    router.post('/role', [RoleAssignmentsController, 'update']).as('capability.role.update')
    router
      .get('/people/:id/role', [RoleAssignmentsController, 'showFor'])
      .as('capability.people.role.show')
    router
      .post('/people/:id/role', [RoleAssignmentsController, 'updateFor'])
      .as('capability.people.role.update')

    router.get('/assessment', [SelfAssessmentController, 'show']).as('capability.assessment.show')
    router
      .post('/assessment', [SelfAssessmentController, 'store'])
      .as('capability.assessment.store')
    router
      .get('/assessment/check', [SelfAssessmentController, 'check'])
      .as('capability.assessment.check')
    router
      .post('/assessment/submit', [SelfAssessmentController, 'submit'])
      .as('capability.assessment.submit')

    router.get('/validations', [ValidationsController, 'index']).as('capability.validations')
    router.get('/validations.csv', [ValidationsController, 'csv']).as('capability.validations.csv')
    router
      .post('/validations/assessments/:id', [ValidationsController, 'assessment'])
      .as('capability.validations.assessment')
    router
      .post('/validations/claims/:id', [ValidationsController, 'claim'])
      .as('capability.validations.claim')
    router
      .post('/validations/roles/:id', [ValidationsController, 'role'])
      .as('capability.validations.role')
  })
  .prefix('/capability')
  .use(middleware.auth())
