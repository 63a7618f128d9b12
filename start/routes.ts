/*
 * Routes. Pages first, then the JSON API under /api/v1.
 */
import router from '@adonisjs/core/services/router'
import '#start/route_params'
import { middleware } from '#start/kernel'

const HealthController = () => import('#controllers/health_controller')
const HomeController = () => import('#controllers/home_controller')
const SessionController = () => import('#controllers/identity/session_controller')
const ProfileController = () => import('#controllers/identity/profile_controller')
const AccessTokensController = () => import('#controllers/identity/access_tokens_controller')
const UsersController = () => import('#controllers/identity/users_controller')
const OrganisationsController = () => import('#controllers/identity/organisations_controller')
const TeamsController = () => import('#controllers/identity/teams_controller')
const AuditEventsController = () => import('#controllers/identity/audit_events_controller')
const ApiTokensController = () => import('#controllers/api/tokens_controller')
const ApiMeController = () => import('#controllers/api/me_controller')

router.get('/health', [HealthController, 'show']).as('health')

router
  .group(() => {
    router.get('/sign-in', [SessionController, 'create']).as('session.create')
    router.post('/sign-in', [SessionController, 'store']).as('session.store')
  })
  .use(middleware.guest())

router
  .group(() => {
    router.get('/', [HomeController, 'show']).as('home')
    router.post('/sign-out', [SessionController, 'destroy']).as('session.destroy')

    router.get('/profile', [ProfileController, 'show']).as('profile.show')
    router.get('/profile/password', [ProfileController, 'editPassword']).as('profile.password.edit')
    router
      .put('/profile/password', [ProfileController, 'updatePassword'])
      .as('profile.password.update')
    router
      .post('/profile/sign-out-elsewhere', [ProfileController, 'signOutElsewhere'])
      .as('profile.signOutElsewhere')
    router.post('/profile/tokens', [AccessTokensController, 'store']).as('profile.tokens.store')
    router
      .delete('/profile/tokens/:id', [AccessTokensController, 'destroy'])
      .as('profile.tokens.destroy')

    router
      .group(() => {
        router.get('/users', [UsersController, 'index']).as('users.index')
        router.get('/users.csv', [UsersController, 'csv']).as('users.csv')
        router.get('/users/create', [UsersController, 'create']).as('users.create')
        router.post('/users', [UsersController, 'store']).as('users.store')
        router.get('/users/:id', [UsersController, 'show']).as('users.show')
        router.get('/users/:id/edit', [UsersController, 'edit']).as('users.edit')
        router.put('/users/:id', [UsersController, 'update']).as('users.update')
        router.post('/users/:id/deactivate', [UsersController, 'deactivate']).as('users.deactivate')
        router.post('/users/:id/reactivate', [UsersController, 'reactivate']).as('users.reactivate')

        router.get('/organisations', [OrganisationsController, 'index']).as('organisations.index')
        router.get('/organisations.csv', [OrganisationsController, 'csv']).as('organisations.csv')
        router
          .get('/organisations/create', [OrganisationsController, 'create'])
          .as('organisations.create')
        router.post('/organisations', [OrganisationsController, 'store']).as('organisations.store')
        router.get('/organisations/:id', [OrganisationsController, 'show']).as('organisations.show')
        router
          .get('/organisations/:id/edit', [OrganisationsController, 'edit'])
          .as('organisations.edit')
        router
          .put('/organisations/:id', [OrganisationsController, 'update'])
          .as('organisations.update')

        router
          .get('/organisations/:id/teams/create', [TeamsController, 'create'])
          .as('teams.create')
        router.post('/organisations/:id/teams', [TeamsController, 'store']).as('teams.store')
        router.get('/teams.csv', [TeamsController, 'csv']).as('teams.csv')
        router.get('/teams/:id/edit', [TeamsController, 'edit']).as('teams.edit')
        router.put('/teams/:id', [TeamsController, 'update']).as('teams.update')
        router.delete('/teams/:id', [TeamsController, 'destroy']).as('teams.destroy')

        router.get('/audit', [AuditEventsController, 'index']).as('audit.index')
        router.get('/audit.csv', [AuditEventsController, 'csv']).as('audit.csv')
      })
      .prefix('/admin')
  })
  .use(middleware.auth())

router
  .group(() => {
    router.post('/tokens', [ApiTokensController, 'store']).as('api.tokens.store')
    router
      .group(() => {
        router.get('/me', [ApiMeController, 'show']).as('api.me')
        router
          .delete('/tokens/current', [ApiTokensController, 'destroyCurrent'])
          .as('api.tokens.destroyCurrent')
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')

import '#start/routes/framework'
import '#start/routes/framework_admin'
import '#start/routes/api_framework'
import '#start/routes/learning_catalogue'
import '#start/routes/learning_admin'
import '#start/routes/learning_learner'
import '#start/routes/api_learning_catalogue'
import '#start/routes/api_learning_learner'
import '#start/routes/api_learning_admin'
import '#start/routes/capability_assessment'
import '#start/routes/capability_gaps'
import '#start/routes/capability_team'
import '#start/routes/api_capability_assessment'
import '#start/routes/api_capability_gaps'
import '#start/routes/api_capability_team'
import '#start/routes/workforce_plans'
import '#start/routes/workforce_campaigns_gaps'
import '#start/routes/workforce_services'
import '#start/routes/api_workforce_plans'
import '#start/routes/api_workforce_campaigns_gaps'
import '#start/routes/api_workforce_services'
import '#start/routes/staff_imports'
import '#start/routes/invitations'
import '#start/routes/identity_single_sign_on'
import '#start/routes/two_step_verification'
import '#start/routes/fast_stream_admin'
import '#start/routes/fast_stream_team'
import '#start/routes/fast_stream_entrant'
import '#start/routes/fast_stream_matching'
import '#start/routes/api_fast_stream_team'
import '#start/routes/api_fast_stream_entrant'
import '#start/routes/api_fast_stream_matching'
import '#start/routes/insights'
import '#start/routes/api_insights'
import '#start/routes/api_docs'
import '#start/routes/exports'
