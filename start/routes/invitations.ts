/*
 * Ways in with a password: invitations sent by department HR and
 * capability admins, "Forgot your password?", and the page both kinds of
 * link open to set a password.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const InvitationsController = () => import('#controllers/identity/invitations_controller')
const PasswordLinksController = () => import('#controllers/identity/password_links_controller')
const PasswordResetsController = () => import('#controllers/identity/password_resets_controller')

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
