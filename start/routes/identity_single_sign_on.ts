/*
 * Single sign-on: signing in with a department account (OpenID Connect),
 * and the identity providers capability admins configure for it.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DepartmentSignInController = () =>
  import('#controllers/identity/department_sign_in_controller')
const IdentityProvidersController = () =>
  import('#controllers/identity/identity_providers_controller')

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
