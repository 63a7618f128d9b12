/*
 * Workforce: the services register, strategy actions 01 and 02, and Digital Leaders.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ServicesController = () => import('#controllers/workforce/services_controller')
const ComplianceController = () => import('#controllers/workforce/compliance_controller')
const DigitalLeadersController = () => import('#controllers/workforce/digital_leaders_controller')

router
  .group(() => {
    router.get('/services', [ServicesController, 'index']).as('workforce.services.index')
    router.get('/services.csv', [ServicesController, 'csv']).as('workforce.services.csv')
    router.get('/services/create', [ServicesController, 'create']).as('workforce.services.create')
    router.post('/services', [ServicesController, 'store']).as('workforce.services.store')
    router.get('/services/:id/edit', [ServicesController, 'edit']).as('workforce.services.edit')
    router.put('/services/:id', [ServicesController, 'update']).as('workforce.services.update')
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
