/*
 * Fast Stream for team leads: their team's placements, offering and
 * changing them, and ranking the entrants who chose them.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PlacementsController = () => import('#controllers/fast_stream/team/placements_controller')
const ApplicantsController = () => import('#controllers/fast_stream/team/applicants_controller')

router
  .group(() => {
    router.get('/placements', [PlacementsController, 'index']).as('fast_stream.team.index')
    router.get('/placements.csv', [PlacementsController, 'csv']).as('fast_stream.team.csv')
    router.get('/placements/create', [PlacementsController, 'create']).as('fast_stream.team.create')
    router.post('/placements', [PlacementsController, 'store']).as('fast_stream.team.store')
    router.get('/placements/:id', [PlacementsController, 'show']).as('fast_stream.team.show')
    router.get('/placements/:id/edit', [PlacementsController, 'edit']).as('fast_stream.team.edit')
    router.put('/placements/:id', [PlacementsController, 'update']).as('fast_stream.team.update')
    router
      .post('/placements/:id/withdraw', [PlacementsController, 'withdraw'])
      .as('fast_stream.team.withdraw')
    router
      .get('/placements/:id/applicants', [ApplicantsController, 'index'])
      .as('fast_stream.team.applicants')
    router
      .get('/placements/:id/applicants.csv', [ApplicantsController, 'csv'])
      .as('fast_stream.team.applicants.csv')
    router
      .put('/placements/:id/rankings', [ApplicantsController, 'rank'])
      .as('fast_stream.team.rank')
  })
  .prefix('/fast-stream/team')
  .use(middleware.auth())
