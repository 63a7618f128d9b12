/*
 * Workforce: recruitment campaigns and the capability gap register.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CampaignsController = () => import('#controllers/workforce/campaigns_controller')
const GapsController = () => import('#controllers/workforce/gaps_controller')
const GapDecisionsController = () => import('#controllers/workforce/gap_decisions_controller')

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
