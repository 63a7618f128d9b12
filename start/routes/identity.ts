/*
 * Identity: signing in (with a password, a department account or a second step), a person's profile, and the administration of people, organisations, teams, staff imports and the audit trail.
 *
 * Pages first, then the same area in the JSON API under /api/v1.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const HomeController = () => import('#controllers/home_controller')
const SessionController = () => import('#controllers/identity/session_controller')
const ProfileController = () => import('#controllers/identity/profile_controller')
const AccessTokensController = () => import('#controllers/identity/access_tokens_controller')
const UsersController = () => import('#controllers/identity/users_controller')
const OrganisationsController = () => import('#controllers/identity/organisations_controller')
const TeamsController = () => import('#controllers/identity/teams_controller')
const AuditEventsController = () => import('#controllers/identity/audit_events_controller')
const StaffImportsController = () => import('#controllers/identity/staff_imports_controller')
const InvitationsController = () => import('#controllers/identity/invitations_controller')
const PasswordLinksController = () => import('#controllers/identity/password_links_controller')
const PasswordResetsController = () => import('#controllers/identity/password_resets_controller')
const DepartmentSignInController = () =>
  import('#controllers/identity/department_sign_in_controller')
const IdentityProvidersController = () =>
  import('#controllers/identity/identity_providers_controller')
const TwoStepController = () => import('#controllers/identity/two_step_controller')
const TwoStepSignInController = () => import('#controllers/identity/two_step_sign_in_controller')
const TwoStepResetsController = () => import('#controllers/identity/two_step_resets_controller')
const PersonalDataController = () => import('#controllers/identity/personal_data_controller')
const ApiTokensController = () => import('#controllers/api/tokens_controller')
const ApiMeController = () => import('#controllers/api/me_controller')

// Pages

/*
 * Signing in and out, a person's own profile and access tokens, and the
 * administration of people, organisations, teams and the audit trail.
 */
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
      .get('/profile/subject-access.zip', [PersonalDataController, 'ownSubjectAccess'])
      .as('profile.subjectAccess')

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
        router
          .get('/users/:id/subject-access.zip', [PersonalDataController, 'subjectAccess'])
          .as('users.subjectAccess')
        router
          .get('/users/:id/erase', [PersonalDataController, 'confirmErasure'])
          .as('users.erasure.create')
        router.post('/users/:id/erase', [PersonalDataController, 'erase']).as('users.erasure.store')

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

/*
 * Staff import: department HR and capability admins load people from a CSV.
 */
router
  .group(() => {
    router.get('/', [StaffImportsController, 'index']).as('staffImports.index')
    router.get('/new', [StaffImportsController, 'create']).as('staffImports.create')
    router.get('/template.csv', [StaffImportsController, 'template']).as('staffImports.template')
    router
      .post('/', [StaffImportsController, 'store'])
      .as('staffImports.store')
      .use(middleware.upload({ kind: 'staffImport' }))
    router.get('/:id', [StaffImportsController, 'show']).as('staffImports.show')
    router.get('/:id/progress', [StaffImportsController, 'progress']).as('staffImports.progress')
    router
      .get('/:id/problems.csv', [StaffImportsController, 'problems'])
      .as('staffImports.problems')
    router.post('/:id/apply', [StaffImportsController, 'apply']).as('staffImports.apply')
    router.post('/:id/discard', [StaffImportsController, 'discard']).as('staffImports.discard')
  })
  .prefix('/admin/staff-imports')
  .use(middleware.auth())

router
  .get('/admin/staff-imports.csv', [StaffImportsController, 'csv'])
  .as('staffImports.csv')
  .use(middleware.auth())

/*
 * Ways in with a password: invitations sent by department HR and
 * capability admins, "Forgot your password?", and the page both kinds of
 * link open to set a password.
 */
router
  .group(() => {
    router.post('/users/:id/invitation', [InvitationsController, 'store']).as('invitations.store')
    router
      .delete('/users/:id/invitation', [InvitationsController, 'destroy'])
      .as('invitations.destroy')
    router.post('/invitations', [InvitationsController, 'many']).as('invitations.many')
    router
      .post('/staff-imports/:id/invitations', [InvitationsController, 'fromImport'])
      .as('invitations.fromImport')
    router.get('/invitations/:id', [InvitationsController, 'show']).as('invitations.show')
    router
      .get('/invitations/:id/progress', [InvitationsController, 'progress'])
      .as('invitations.progress')
  })
  .prefix('/admin')
  .use(middleware.auth())

router
  .group(() => {
    router.get('/forgot-password', [PasswordResetsController, 'create']).as('passwordReset.create')
    router.post('/forgot-password', [PasswordResetsController, 'store']).as('passwordReset.store')
  })
  .use(middleware.guest())

router.get('/set-password/:token', [PasswordLinksController, 'show']).as('passwordLink.show')
router.post('/set-password/:token', [PasswordLinksController, 'update']).as('passwordLink.update')

/*
 * Single sign-on: signing in with a department account (OpenID Connect),
 * and the identity providers capability admins configure for it.
 */
router
  .group(() => {
    router.get('/', [DepartmentSignInController, 'create']).as('departmentSignIn.create')
    router.post('/', [DepartmentSignInController, 'store']).as('departmentSignIn.store')
    router
      .get('/continue', [DepartmentSignInController, 'continue'])
      .as('departmentSignIn.continue')
    router
      .get('/callback', [DepartmentSignInController, 'callback'])
      .as('departmentSignIn.callback')
  })
  .prefix('/sign-in/department')
  .use(middleware.guest())

router
  .group(() => {
    router.get('/', [IdentityProvidersController, 'index']).as('identityProviders.index')
    router.get('/create', [IdentityProvidersController, 'create']).as('identityProviders.create')
    router.post('/', [IdentityProvidersController, 'store']).as('identityProviders.store')
    router.get('/:id/edit', [IdentityProvidersController, 'edit']).as('identityProviders.edit')
    router.put('/:id', [IdentityProvidersController, 'update']).as('identityProviders.update')
    router.delete('/:id', [IdentityProvidersController, 'destroy']).as('identityProviders.destroy')
  })
  .prefix('/admin/identity-providers')
  .use(middleware.auth())

/*
 * Two-step verification: a person's own set-up on their profile, the
 * code asked for after a correct password, and an administrator turning
 * it off for someone who has lost their phone.
 */
router
  .group(() => {
    router.get('/', [TwoStepController, 'show']).as('twoStep.show')
    router.get('/set-up', [TwoStepController, 'create']).as('twoStep.create')
    router.post('/set-up', [TwoStepController, 'store']).as('twoStep.store')
    router.get('/qr-code', [TwoStepController, 'qrCode']).as('twoStep.qrCode')
    router.post('/recovery-codes', [TwoStepController, 'recoveryCodes']).as('twoStep.recoveryCodes')
    router.delete('/', [TwoStepController, 'destroy']).as('twoStep.destroy')
  })
  .prefix('/profile/two-step-verification')
  .use(middleware.auth())

router
  .group(() => {
    router.get('/', [TwoStepSignInController, 'create']).as('twoStepSignIn.create')
    router.post('/', [TwoStepSignInController, 'store']).as('twoStepSignIn.store')
    router.get('/recovery-code', [TwoStepSignInController, 'recovery']).as('twoStepSignIn.recovery')
    router
      .post('/recovery-code', [TwoStepSignInController, 'recoveryStore'])
      .as('twoStepSignIn.recoveryStore')
  })
  .prefix('/sign-in/two-step')
  .use(middleware.guest())

router
  .group(() => {
    router
      .get('/users/:id/two-step-verification', [TwoStepResetsController, 'show'])
      .as('twoStepResets.show')
    router
      .delete('/users/:id/two-step-verification', [TwoStepResetsController, 'destroy'])
      .as('twoStepResets.destroy')
  })
  .prefix('/admin')
  .use(middleware.auth())

// The JSON API

/*
 * Access tokens and the caller's own identity in the JSON API.
 */
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
