/*
 * Fast Stream matching: the Fast Stream team runs a round's match, moves
 * entrants by hand and publishes; entrants see their result.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const MatchResultsController = () => import('#controllers/fast_stream/matching/results_controller')
const MovesController = () => import('#controllers/fast_stream/matching/moves_controller')
const MyPlacementController = () =>
  import('#controllers/fast_stream/matching/my_placement_controller')

router
  .group(() => {
    router
      .get('/admin/rounds/:id/results', [MatchResultsController, 'show'])
      .as('fast_stream.matching.results')
    router
      .get('/admin/rounds/:id/results.csv', [MatchResultsController, 'csv'])
      .as('fast_stream.matching.csv')
    router
      .get('/admin/rounds/:id/match-status', [MatchResultsController, 'status'])
      .as('fast_stream.matching.status')
    router
      .post('/admin/rounds/:id/match', [MatchResultsController, 'match'])
      .as('fast_stream.matching.run')
    router
      .get('/admin/rounds/:id/publish', [MatchResultsController, 'confirmPublish'])
      .as('fast_stream.matching.publish.confirm')
    router
      .post('/admin/rounds/:id/publish', [MatchResultsController, 'publish'])
      .as('fast_stream.matching.publish')
    router
      .get('/admin/rounds/:id/matches/:matchId/move', [MovesController, 'show'])
      .as('fast_stream.matching.move')
    router
      .post('/admin/rounds/:id/matches/:matchId/move', [MovesController, 'update'])
      .as('fast_stream.matching.move.update')

    router.get('/my-placement', [MyPlacementController, 'show']).as('fast_stream.my_placement')
  })
  .prefix('/fast-stream')
  .use(middleware.auth())
