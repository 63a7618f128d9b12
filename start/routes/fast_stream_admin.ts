/*
 * Fast Stream administration: schemes, cohorts, entrants (with their
 * postings and a CSV import), placement rounds and the review of the
 * placements teams offer.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const HomeController = () => import('#controllers/fast_stream/admin/home_controller')
const SchemesController = () => import('#controllers/fast_stream/admin/schemes_controller')
const CohortsController = () => import('#controllers/fast_stream/admin/cohorts_controller')
const EntrantsController = () => import('#controllers/fast_stream/admin/entrants_controller')
const PostingsController = () => import('#controllers/fast_stream/admin/postings_controller')
const EntrantImportsController = () =>
  import('#controllers/fast_stream/admin/entrant_imports_controller')
const RoundsController = () => import('#controllers/fast_stream/admin/rounds_controller')
const PlacementReviewsController = () =>
  import('#controllers/fast_stream/admin/placement_reviews_controller')
const DigitalRuleController = () => import('#controllers/fast_stream/admin/digital_rule_controller')

router
  .group(() => {
    router.get('/', [HomeController, 'show']).as('fast_stream.admin.home')

    router.get('/schemes', [SchemesController, 'index']).as('fast_stream.admin.schemes.index')
    router.get('/schemes.csv', [SchemesController, 'csv']).as('fast_stream.admin.schemes.csv')
    router
      .get('/schemes/create', [SchemesController, 'create'])
      .as('fast_stream.admin.schemes.create')
    router.post('/schemes', [SchemesController, 'store']).as('fast_stream.admin.schemes.store')
    router
      .get('/schemes/:id/edit', [SchemesController, 'edit'])
      .as('fast_stream.admin.schemes.edit')
    router.put('/schemes/:id', [SchemesController, 'update']).as('fast_stream.admin.schemes.update')

    router.get('/cohorts', [CohortsController, 'index']).as('fast_stream.admin.cohorts.index')
    router.get('/cohorts.csv', [CohortsController, 'csv']).as('fast_stream.admin.cohorts.csv')
    router
      .get('/cohorts/create', [CohortsController, 'create'])
      .as('fast_stream.admin.cohorts.create')
    router.post('/cohorts', [CohortsController, 'store']).as('fast_stream.admin.cohorts.store')
    router
      .get('/cohorts/:id/edit', [CohortsController, 'edit'])
      .as('fast_stream.admin.cohorts.edit')
    router.put('/cohorts/:id', [CohortsController, 'update']).as('fast_stream.admin.cohorts.update')

    router.get('/entrants', [EntrantsController, 'index']).as('fast_stream.admin.entrants.index')
    router.get('/entrants.csv', [EntrantsController, 'csv']).as('fast_stream.admin.entrants.csv')
    router
      .get('/entrants/create', [EntrantsController, 'create'])
      .as('fast_stream.admin.entrants.create')
    router.post('/entrants', [EntrantsController, 'store']).as('fast_stream.admin.entrants.store')
    router
      .get('/entrants/import', [EntrantImportsController, 'create'])
      .as('fast_stream.admin.entrants.import')
    router
      .get('/entrants/import/template.csv', [EntrantImportsController, 'template'])
      .as('fast_stream.admin.entrants.import.template')
    router
      .post('/entrants/import', [EntrantImportsController, 'preview'])
      .as('fast_stream.admin.entrants.import.preview')
      .use(middleware.upload({ kind: 'entrantImport' }))
    router
      .post('/entrants/import/apply', [EntrantImportsController, 'apply'])
      .as('fast_stream.admin.entrants.import.apply')
      .use(middleware.upload({ kind: 'entrantImportApply' }))
    router.get('/entrants/:id', [EntrantsController, 'show']).as('fast_stream.admin.entrants.show')
    router
      .get('/entrants/:id/edit', [EntrantsController, 'edit'])
      .as('fast_stream.admin.entrants.edit')
    router
      .put('/entrants/:id', [EntrantsController, 'update'])
      .as('fast_stream.admin.entrants.update')

    router
      .get('/entrants/:id/postings/create', [PostingsController, 'create'])
      .as('fast_stream.admin.postings.create')
    router
      .post('/entrants/:id/postings', [PostingsController, 'store'])
      .as('fast_stream.admin.postings.store')
    router
      .get('/entrants/:id/postings/:postingId/edit', [PostingsController, 'edit'])
      .as('fast_stream.admin.postings.edit')
    router
      .put('/entrants/:id/postings/:postingId', [PostingsController, 'update'])
      .as('fast_stream.admin.postings.update')
    router
      .delete('/entrants/:id/postings/:postingId', [PostingsController, 'destroy'])
      .as('fast_stream.admin.postings.destroy')

    router.get('/rounds', [RoundsController, 'index']).as('fast_stream.admin.rounds.index')
    router.get('/rounds.csv', [RoundsController, 'csv']).as('fast_stream.admin.rounds.csv')
    router.get('/rounds/create', [RoundsController, 'create']).as('fast_stream.admin.rounds.create')
    router.post('/rounds', [RoundsController, 'store']).as('fast_stream.admin.rounds.store')
    router.get('/rounds/:id', [RoundsController, 'show']).as('fast_stream.admin.rounds.show')
    router
      .get('/rounds/:id/placements.csv', [RoundsController, 'placementsCsv'])
      .as('fast_stream.admin.rounds.placements.csv')
    router.get('/rounds/:id/edit', [RoundsController, 'edit']).as('fast_stream.admin.rounds.edit')
    router.put('/rounds/:id', [RoundsController, 'update']).as('fast_stream.admin.rounds.update')
    router
      .post('/rounds/:id/close', [RoundsController, 'close'])
      .as('fast_stream.admin.rounds.close')

    router
      .get('/digital-rule', [DigitalRuleController, 'index'])
      .as('fast_stream.admin.digital_rule')
    router
      .get('/digital-rule.csv', [DigitalRuleController, 'csv'])
      .as('fast_stream.admin.digital_rule.csv')

    router
      .get('/placements/:id', [PlacementReviewsController, 'show'])
      .as('fast_stream.admin.placements.review')
    router
      .post('/placements/:id/approve', [PlacementReviewsController, 'approve'])
      .as('fast_stream.admin.placements.approve')
    router
      .post('/placements/:id/reject', [PlacementReviewsController, 'reject'])
      .as('fast_stream.admin.placements.reject')
  })
  .prefix('/fast-stream/admin')
  .use(middleware.auth())
