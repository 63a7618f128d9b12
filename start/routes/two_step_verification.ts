/*
 * Two-step verification: a person's own set-up on their profile, the
 * code asked for after a correct password, and an administrator turning
 * it off for someone who has lost their phone.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const TwoStepController = () => import('#controllers/identity/two_step_controller')
const TwoStepSignInController = () => import('#controllers/identity/two_step_sign_in_controller')
const TwoStepResetsController = () => import('#controllers/identity/two_step_resets_controller')

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
