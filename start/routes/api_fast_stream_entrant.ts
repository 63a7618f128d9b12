/*
 * Fast Stream for entrants in the JSON API: a round's placements, searched
 * as on the placement search page, and the caller's ranked choices.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PlacementsController = () => import('#controllers/api/fast_stream/placements_controller')
const PreferencesController = () => import('#controllers/api/fast_stream/preferences_controller')

router
  .group(() => {
    router
      .get('/rounds/:id/placements', [PlacementsController, 'index'])
      .as('api.rounds.placements')
    router
      .get('/rounds/:id/preferences', [PreferencesController, 'show'])
      .as('api.rounds.preferences.show')
    router
      .put('/rounds/:id/preferences', [PreferencesController, 'update'])
      .as('api.rounds.preferences.update')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
