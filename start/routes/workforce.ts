/*
 * Workforce planning: capability plans, recruitment campaigns, the gap register, the services register and Digital Leaders.
 *
 * Pages first, then the same area in the JSON API under /api/v1.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PlansController = () => import('#controllers/workforce/plans_controller')
const PlanLinesController = () => import('#controllers/workforce/plan_lines_controller')
const CampaignsController = () => import('#controllers/workforce/campaigns_controller')
const GapsController = () => import('#controllers/workforce/gaps_controller')
const GapDecisionsController = () => import('#controllers/workforce/gap_decisions_controller')
const ServicesController = () => import('#controllers/workforce/services_controller')
const PublishedPerformanceController = () =>
  import('#controllers/workforce/published_performance_controller')
const PerformanceOverviewController = () =>
  import('#controllers/workforce/performance_overview_controller')
const ServicePerformanceController = () =>
  import('#controllers/workforce/service_performance_controller')
const ServicePerformanceImportsController = () =>
  import('#controllers/workforce/service_performance_imports_controller')
const ComplianceController = () => import('#controllers/workforce/compliance_controller')
const DigitalLeadersController = () => import('#controllers/workforce/digital_leaders_controller')
const ApiPlansController = () => import('#controllers/api/workforce/plans_controller')
const ApiCampaignsGapsController = () =>
  import('#controllers/api/workforce/campaigns_gaps_controller')
const ApiServicesController = () => import('#controllers/api/workforce/services_controller')
const ApiServicePerformanceController = () =>
  import('#controllers/api/workforce/service_performance_controller')

// Pages

/*
 * Workforce: capability plans per organisation and financial year.
 */
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

/*
 * Workforce: recruitment campaigns and the capability gap register.
 */
router
  .group(() => {
    router.get('/campaigns', [CampaignsController, 'index']).as('workforce.campaigns.index')
    router.get('/campaigns.csv', [CampaignsController, 'csv']).as('workforce.campaigns.csv')
    router
      .get('/campaigns/create', [CampaignsController, 'create'])
      .as('workforce.campaigns.create')
    router.post('/campaigns', [CampaignsController, 'store']).as('workforce.campaigns.store')
    router.get('/campaigns/:id/edit', [CampaignsController, 'edit']).as('workforce.campaigns.edit')
    router.put('/campaigns/:id', [CampaignsController, 'update']).as('workforce.campaigns.update')

    router.get('/gaps', [GapsController, 'index']).as('workforce.gaps.index')
    router.get('/gaps.csv', [GapsController, 'csv']).as('workforce.gaps.csv')
    router.get('/gaps/create', [GapsController, 'create']).as('workforce.gaps.create')
    router.post('/gaps', [GapsController, 'store']).as('workforce.gaps.store')
    router
      .post('/gaps/suggestions', [GapDecisionsController, 'suggest'])
      .as('workforce.gaps.suggest')
    router
      .post('/gaps/decisions', [GapDecisionsController, 'decideMany'])
      .as('workforce.gaps.decide_many')
    router.get('/gaps/:id/edit', [GapsController, 'edit']).as('workforce.gaps.edit')
    router.put('/gaps/:id', [GapsController, 'update']).as('workforce.gaps.update')
    router.post('/gaps/:id/accept', [GapDecisionsController, 'accept']).as('workforce.gaps.accept')
    router
      .post('/gaps/:id/dismiss', [GapDecisionsController, 'dismiss'])
      .as('workforce.gaps.dismiss')
  })
  .prefix('/workforce')
  .use(middleware.auth())

/*
 * Workforce: the services register, strategy actions 01 and 02, and Digital Leaders.
 */
router
  .group(() => {
    router.get('/services', [ServicesController, 'index']).as('workforce.services.index')
    router.get('/services.csv', [ServicesController, 'csv']).as('workforce.services.csv')
    router.get('/services/create', [ServicesController, 'create']).as('workforce.services.create')
    router.post('/services', [ServicesController, 'store']).as('workforce.services.store')
    router.get('/services/:id/edit', [ServicesController, 'edit']).as('workforce.services.edit')
    router.put('/services/:id', [ServicesController, 'update']).as('workforce.services.update')
    router
      .get('/service-performance/import', [ServicePerformanceImportsController, 'create'])
      .as('workforce.services.performance.import')
    router
      .get('/service-performance/import/template.csv', [
        ServicePerformanceImportsController,
        'template',
      ])
      .as('workforce.services.performance.import.template')
    router
      .post('/service-performance/import', [ServicePerformanceImportsController, 'preview'])
      .as('workforce.services.performance.import.preview')
      .use(middleware.upload({ kind: 'performanceImport' }))
    router
      .post('/service-performance/import/apply', [ServicePerformanceImportsController, 'apply'])
      .as('workforce.services.performance.import.apply')
      .use(middleware.upload({ kind: 'performanceImportApply' }))
    router
      .get('/services/:id/performance', [ServicePerformanceController, 'show'])
      .as('workforce.services.performance')
    router
      .get('/services/:id/performance.csv', [ServicePerformanceController, 'csv'])
      .as('workforce.services.performance.csv')
    router
      .get('/services/:id/performance/:period', [ServicePerformanceController, 'edit'])
      .as('workforce.services.performance.edit')
    router
      .put('/services/:id/performance/:period', [ServicePerformanceController, 'update'])
      .as('workforce.services.performance.update')
    router
      .put('/services/:id/performance-publication', [ServicePerformanceController, 'publish'])
      .as('workforce.services.performance.publish')
    router.get('/performance', [PerformanceOverviewController, 'show']).as('workforce.performance')
    router.get('/compliance', [ComplianceController, 'index']).as('workforce.compliance')
    router
      .get('/compliance/digital-leaders.csv', [ComplianceController, 'digitalLeadersCsv'])
      .as('workforce.compliance.digital_leaders.csv')
    router
      .get('/compliance/services.csv', [ComplianceController, 'servicesCsv'])
      .as('workforce.compliance.services.csv')
    router
      .get('/organisations/:id/digital-leader', [DigitalLeadersController, 'edit'])
      .as('workforce.digital_leader.edit')
    router
      .post('/organisations/:id/digital-leader', [DigitalLeadersController, 'update'])
      .as('workforce.digital_leader.update')
  })
  .prefix('/workforce')
  .use(middleware.auth())

/*
 * Strategy action 13 in public: services' published performance, for anyone.
 */
router
  .get('/performance', [PublishedPerformanceController, 'index'])
  .as('performance.published.index')
router
  .get('/performance/:id', [PublishedPerformanceController, 'show'])
  .as('performance.published.show')

// The JSON API

/*
 * Workforce in the JSON API: capability plans, for department HR and capability admins.
 */
router
  .group(() => {
    router
      .get('/organisations/:id/capability-plans', [ApiPlansController, 'index'])
      .as('api.organisations.capability_plans')
    router
      .get('/capability-plans/:id', [ApiPlansController, 'show'])
      .as('api.capability_plans.show')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Workforce in the JSON API: an organisation's recruitment campaigns and capability gaps.
 */
router
  .group(() => {
    router
      .get('/organisations/:id/campaigns', [ApiCampaignsGapsController, 'campaigns'])
      .as('api.organisations.campaigns')
    router
      .get('/organisations/:id/gaps', [ApiCampaignsGapsController, 'gaps'])
      .as('api.organisations.gaps')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Services and strategy actions 01 and 02 in the JSON API.
 */
router
  .group(() => {
    router.get('/services', [ApiServicesController, 'index']).as('api.services.index')
    router
      .get('/services/:id/performance', [ApiServicePerformanceController, 'index'])
      .as('api.services.performance')
    router
      .put('/services/:id/performance/:period', [ApiServicePerformanceController, 'update'])
      .as('api.services.performance.update')
    router
      .get('/compliance/digital-leaders', [ApiServicesController, 'digitalLeaders'])
      .as('api.compliance.digital_leaders')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
