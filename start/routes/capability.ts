/*
 * Capability: assessments and skill claims, gaps and development plans, and a line manager's view of their team.
 *
 * Pages first, then the same area in the JSON API under /api/v1.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RoleAssignmentsController = () =>
  import('#controllers/capability/role_assignments_controller')
const SelfAssessmentController = () => import('#controllers/capability/self_assessment_controller')
const ValidationsController = () => import('#controllers/capability/validations_controller')
const GapsController = () => import('#controllers/capability/gaps_controller')
const PlanController = () => import('#controllers/capability/plan_controller')
const TeamController = () => import('#controllers/capability/team_controller')
const ApiAssessmentsController = () => import('#controllers/api/capability/assessments_controller')
const ApiGapsController = () => import('#controllers/api/capability/gaps_controller')
const ApiOrganisationCapabilityController = () =>
  import('#controllers/api/capability/organisation_capability_controller')

// Pages

/*
 * Capability: role levels, self-assessment and line managers' validations.
 */
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

/*
 * Capability: a person's skills gaps, booking from them, and development plans.
 */
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

/*
 * Team capability: the skills matrix for line managers and department HR.
 */
router
  .group(() => {
    router.get('/team', [TeamController, 'show']).as('capability.team')
    router.get('/team.csv', [TeamController, 'csv']).as('capability.team.csv')
  })
  .prefix('/capability')
  .use(middleware.auth())

// The JSON API

/*
 * Capability in the JSON API: the caller's self-assessment and a line
 * manager's validation of a report's.
 */
router
  .group(() => {
    router
      .put('/me/assessments', [ApiAssessmentsController, 'update'])
      .as('api.capability.assessments.update')
    router
      .post('/assessments/:id/validation', [ApiAssessmentsController, 'validate'])
      .as('api.capability.assessments.validate')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Capability in the JSON API, for the caller: their gaps and development plan.
 */
router
  .group(() => {
    router.get('/me/gaps', [ApiGapsController, 'gaps']).as('api.me.gaps')
    router.get('/me/plan', [ApiGapsController, 'plan']).as('api.me.plan')
    router
      .post('/me/plan/items', [ApiGapsController, 'storePlanItem'])
      .as('api.me.plan.items.store')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Organisation capability in the JSON API: for HR of the organisation's tree and capability admins.
 */
router
  .get('/api/v1/organisations/:id/capability', [ApiOrganisationCapabilityController, 'show'])
  .as('api.organisations.capability')
  .use(middleware.auth({ guards: ['api'] }))
