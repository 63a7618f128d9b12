/*
 * The Fast Stream and the Future Leaders Scheme: schemes, rounds, placements and matching.
 *
 * Pages first, then the same area in the JSON API under /api/v1.
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
const PlacementsController = () => import('#controllers/fast_stream/team/placements_controller')
const ApplicantsController = () => import('#controllers/fast_stream/team/applicants_controller')
const EntrantPlacementsController = () =>
  import('#controllers/fast_stream/entrant/placements_controller')
const ShortlistController = () => import('#controllers/fast_stream/entrant/shortlist_controller')
const ShortlistPlacementsController = () =>
  import('#controllers/fast_stream/entrant/shortlist_placements_controller')
const MatchResultsController = () => import('#controllers/fast_stream/matching/results_controller')
const MovesController = () => import('#controllers/fast_stream/matching/moves_controller')
const MyPlacementController = () =>
  import('#controllers/fast_stream/matching/my_placement_controller')
const ApiRankingsController = () => import('#controllers/api/fast_stream/rankings_controller')
const ApiPlacementsController = () => import('#controllers/api/fast_stream/placements_controller')
const ApiPreferencesController = () => import('#controllers/api/fast_stream/preferences_controller')
const ApiMatchesController = () => import('#controllers/api/fast_stream/matches_controller')

// Pages

/*
 * Fast Stream administration: schemes, cohorts, entrants (with their
 * postings and a CSV import), placement rounds and the review of the
 * placements teams offer.
 */
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

/*
 * Fast Stream for team leads: their team's placements, offering and
 * changing them, and ranking the entrants who chose them.
 */
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

/*
 * Fast Stream for entrants: the placement search, a placement's page, and
 * the shortlist they rank and submit.
 */
router
  .group(() => {
    router
      .get('/placements', [EntrantPlacementsController, 'index'])
      .as('fast_stream.placements.index')
    router
      .get('/placements.csv', [EntrantPlacementsController, 'csv'])
      .as('fast_stream.placements.csv')
    router
      .get('/placements/:id', [EntrantPlacementsController, 'show'])
      .as('fast_stream.placements.show')

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

/*
 * Fast Stream matching: the Fast Stream team runs a round's match, moves
 * entrants by hand and publishes; entrants see their result.
 */
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

// The JSON API

/*
 * Fast Stream in the JSON API: a team's ranking of its placement's applicants.
 */
router
  .group(() => {
    router
      .get('/placements/:id/rankings', [ApiRankingsController, 'show'])
      .as('api.placements.rankings.show')
    router
      .put('/placements/:id/rankings', [ApiRankingsController, 'update'])
      .as('api.placements.rankings.update')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Fast Stream for entrants in the JSON API: a round's placements, searched
 * as on the placement search page, and the caller's ranked choices.
 */
router
  .group(() => {
    router
      .get('/rounds/:id/placements', [ApiPlacementsController, 'index'])
      .as('api.rounds.placements')
    router
      .get('/rounds/:id/preferences', [ApiPreferencesController, 'show'])
      .as('api.rounds.preferences.show')
    router
      .put('/rounds/:id/preferences', [ApiPreferencesController, 'update'])
      .as('api.rounds.preferences.update')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Fast Stream matching in the JSON API: run and read a round's match; an
 * entrant's own result.
 */
router
  .group(() => {
    router.post('/rounds/:id/match', [ApiMatchesController, 'store']).as('api.rounds.match.store')
    router.get('/rounds/:id/match', [ApiMatchesController, 'show']).as('api.rounds.match.show')
    router.get('/rounds/:id/matches', [ApiMatchesController, 'index']).as('api.rounds.matches')
    router.get('/me/placement', [ApiMatchesController, 'mine']).as('api.me.placement')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
