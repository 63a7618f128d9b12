/*
 * Framework routes: pages for everyone signed in, editing for capability admins.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FrameworkController = () => import('#controllers/framework/framework_controller')
const RoleProfilesController = () => import('#controllers/framework/role_profiles_controller')
const SkillsController = () => import('#controllers/framework/skills_controller')
const ProgressionController = () => import('#controllers/framework/progression_controller')
const ExportsController = () => import('#controllers/framework/exports_controller')
const ImportsController = () => import('#controllers/framework/imports_controller')

router
  .group(() => {
    router.get('/', [FrameworkController, 'index']).as('framework.index')
    router.get('/roles/:id', [RoleProfilesController, 'show']).as('framework.roles.show')
    router.get('/skills', [SkillsController, 'index']).as('framework.skills.index')
    router.get('/skills.csv', [SkillsController, 'csv']).as('framework.skills.csv')
    router.get('/skills/:id', [SkillsController, 'show']).as('framework.skills.show')
    router.get('/progression', [ProgressionController, 'show']).as('framework.progression')
    router.get('/export.csv', [ExportsController, 'csv']).as('framework.export.csv')
    router.get('/export.json', [ExportsController, 'json']).as('framework.export.json')
    router.get('/import', [ImportsController, 'create']).as('framework.import.create')
    router
      .post('/import', [ImportsController, 'store'])
      .as('framework.import.store')
      .use(middleware.upload({ kind: 'frameworkImport' }))
    router.get('/import/:id', [ImportsController, 'show']).as('framework.import.show')
    router.post('/import/:id/apply', [ImportsController, 'apply']).as('framework.import.apply')
  })
  .prefix('/framework')
  .use(middleware.auth())
