/*
 * Organisation capability in the JSON API: for HR of the organisation's tree and capability admins.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OrganisationCapabilityController = () =>
  import('#controllers/api/capability/organisation_capability_controller')

router
  .get('/api/v1/organisations/:id/capability', [OrganisationCapabilityController, 'show'])
  .as('api.organisations.capability')
  .use(middleware.auth({ guards: ['api'] }))
