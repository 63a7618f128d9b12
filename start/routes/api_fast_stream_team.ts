/*
 * Fast Stream in the JSON API: a team's ranking of its placement's applicants.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RankingsController = () => import('#controllers/api/fast_stream/rankings_controller')

router
  .group(() => {
    router
      .get('/placements/:id/rankings', [RankingsController, 'show'])
      .as('api.placements.rankings.show')
    router
      .put('/placements/:id/rankings', [RankingsController, 'update'])
      .as('api.placements.rankings.update')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
