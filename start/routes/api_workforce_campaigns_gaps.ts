/*
 * Workforce in the JSON API: an organisation's recruitment campaigns and capability gaps.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CampaignsGapsController = () => import('#controllers/api/workforce/campaigns_gaps_controller')

router
  .group(() => {
    router
      .get('/organisations/:id/campaigns', [CampaignsGapsController, 'campaigns'])
      .as('api.organisations.campaigns')
    router
      .get('/organisations/:id/gaps', [CampaignsGapsController, 'gaps'])
      .as('api.organisations.gaps')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
