/*
 * Fast Stream for entrants: the placement search, a placement's page, and
 * the shortlist they rank and submit.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PlacementsController = () => import('#controllers/fast_stream/entrant/placements_controller')
const ShortlistController = () => import('#controllers/fast_stream/entrant/shortlist_controller')
const ShortlistPlacementsController = () =>
  import('#controllers/fast_stream/entrant/shortlist_placements_controller')

router
  .group(() => {
    router.get('/placements', [PlacementsController, 'index']).as('fast_stream.placements.index')
    router.get('/placements.csv', [PlacementsController, 'csv']).as('fast_stream.placements.csv')
    router.get('/placements/:id', [PlacementsController, 'show']).as('fast_stream.placements.show')

    router.get('/shortlist', [ShortlistController, 'show']).as('fast_stream.shortlist.show')
    router
      .post('/shortlist/placements/:id', [ShortlistPlacementsController, 'add'])
      .as('fast_stream.shortlist.add')
    router
      .delete('/shortlist/placements/:id', [ShortlistPlacementsController, 'remove'])
      .as('fast_stream.shortlist.remove')
    router
      .post('/shortlist/placements/:id/up', [ShortlistPlacementsController, 'moveUp'])
      .as('fast_stream.shortlist.up')
    router
      .post('/shortlist/placements/:id/down', [ShortlistPlacementsController, 'moveDown'])
      .as('fast_stream.shortlist.down')
    router
      .put('/shortlist/order', [ShortlistController, 'reorder'])
      .as('fast_stream.shortlist.order')
    router
      .post('/shortlist/submit', [ShortlistController, 'submit'])
      .as('fast_stream.shortlist.submit')
  })
  .prefix('/fast-stream')
  .use(middleware.auth())
