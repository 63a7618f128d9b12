/*
 * The framework in the JSON API: read-only, for anyone with a token.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RoleProfilesController = () => import('#controllers/api/framework/role_profiles_controller')
const SkillsController = () => import('#controllers/api/framework/skills_controller')
const ProgressionController = () => import('#controllers/api/framework/progression_controller')

router
  .group(() => {
    router.get('/role-profiles', [RoleProfilesController, 'index']).as('api.roleProfiles.index')
    router.get('/role-profiles/:id', [RoleProfilesController, 'show']).as('api.roleProfiles.show')
    router.get('/skills', [SkillsController, 'index']).as('api.skills.index')
    router.get('/skills/:id', [SkillsController, 'show']).as('api.skills.show')
    router.get('/progression', [ProgressionController, 'show']).as('api.progression')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
