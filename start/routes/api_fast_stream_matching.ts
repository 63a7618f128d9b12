/*
 * Fast Stream matching in the JSON API: run and read a round's match; an
 * entrant's own result.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const MatchesController = () => import('#controllers/api/fast_stream/matches_controller')

router
  .group(() => {
    router.post('/rounds/:id/match', [MatchesController, 'store']).as('api.rounds.match.store')
    router.get('/rounds/:id/match', [MatchesController, 'show']).as('api.rounds.match.show')
    router.get('/rounds/:id/matches', [MatchesController, 'index']).as('api.rounds.matches')
    router.get('/me/placement', [MatchesController, 'mine']).as('api.me.placement')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
