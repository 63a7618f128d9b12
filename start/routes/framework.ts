/*
 * The framework: roles, skills and levels, for everyone to read and for capability admins to keep.
 *
 * Pages first, then the same area in the JSON API under /api/v1.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FrameworkController = () => import('#controllers/framework/framework_controller')
const RoleProfilesController = () => import('#controllers/framework/role_profiles_controller')
const SkillsController = () => import('#controllers/framework/skills_controller')
const ProgressionController = () => import('#controllers/framework/progression_controller')
const ExportsController = () => import('#controllers/framework/exports_controller')
const ImportsController = () => import('#controllers/framework/imports_controller')
const FrameworkAdminController = () =>
  import('#controllers/framework/admin/framework_admin_controller')
const RoleFamiliesController = () => import('#controllers/framework/admin/role_families_controller')
const AdminRoleProfilesController = () =>
  import('#controllers/framework/admin/role_profiles_controller')
const RoleLevelsController = () => import('#controllers/framework/admin/role_levels_controller')
const RoleRequirementsController = () =>
  import('#controllers/framework/admin/role_requirements_controller')
const AdminSkillsController = () => import('#controllers/framework/admin/skills_controller')
const ApiRoleProfilesController = () =>
  import('#controllers/api/framework/role_profiles_controller')
const ApiSkillsController = () => import('#controllers/api/framework/skills_controller')
const ApiProgressionController = () => import('#controllers/api/framework/progression_controller')

// Pages

/*
 * Framework routes: pages for everyone signed in, editing for capability admins.
 */
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

/*
 * Framework editing for capability admins. Nothing is deleted but a
 * requirement: families, roles, levels and skills are retired and restored.
 */
router
  .group(() => {
    router.get('/', [FrameworkAdminController, 'index']).as('framework.admin.index')

    router
      .get('/families/create', [RoleFamiliesController, 'create'])
      .as('framework.admin.families.create')
    router.post('/families', [RoleFamiliesController, 'store']).as('framework.admin.families.store')
    router
      .get('/families/:id/edit', [RoleFamiliesController, 'edit'])
      .as('framework.admin.families.edit')
    router
      .put('/families/:id', [RoleFamiliesController, 'update'])
      .as('framework.admin.families.update')
    router
      .post('/families/:id/retire', [RoleFamiliesController, 'retire'])
      .as('framework.admin.families.retire')
    router
      .post('/families/:id/restore', [RoleFamiliesController, 'restore'])
      .as('framework.admin.families.restore')

    router
      .get('/families/:id/roles/create', [AdminRoleProfilesController, 'create'])
      .as('framework.admin.roles.create')
    router
      .post('/families/:id/roles', [AdminRoleProfilesController, 'store'])
      .as('framework.admin.roles.store')
    router
      .get('/roles/:id/edit', [AdminRoleProfilesController, 'edit'])
      .as('framework.admin.roles.edit')
    router
      .put('/roles/:id', [AdminRoleProfilesController, 'update'])
      .as('framework.admin.roles.update')
    router
      .post('/roles/:id/retire', [AdminRoleProfilesController, 'retire'])
      .as('framework.admin.roles.retire')
    router
      .post('/roles/:id/restore', [AdminRoleProfilesController, 'restore'])
      .as('framework.admin.roles.restore')

    router
      .get('/roles/:id/levels/create', [RoleLevelsController, 'create'])
      .as('framework.admin.levels.create')
    router
      .post('/roles/:id/levels', [RoleLevelsController, 'store'])
      .as('framework.admin.levels.store')
    router.get('/levels/:id/edit', [RoleLevelsController, 'edit']).as('framework.admin.levels.edit')
    router.put('/levels/:id', [RoleLevelsController, 'update']).as('framework.admin.levels.update')
    router
      .post('/levels/:id/retire', [RoleLevelsController, 'retire'])
      .as('framework.admin.levels.retire')
    router
      .post('/levels/:id/restore', [RoleLevelsController, 'restore'])
      .as('framework.admin.levels.restore')

    router
      .post('/levels/:id/requirements', [RoleRequirementsController, 'store'])
      .as('framework.admin.requirements.store')
    router
      .get('/requirements/:id/edit', [RoleRequirementsController, 'edit'])
      .as('framework.admin.requirements.edit')
    router
      .put('/requirements/:id', [RoleRequirementsController, 'update'])
      .as('framework.admin.requirements.update')
    router
      .delete('/requirements/:id', [RoleRequirementsController, 'destroy'])
      .as('framework.admin.requirements.destroy')

    router.get('/skills', [AdminSkillsController, 'index']).as('framework.admin.skills.index')
    router
      .get('/skills/create', [AdminSkillsController, 'create'])
      .as('framework.admin.skills.create')
    router.post('/skills', [AdminSkillsController, 'store']).as('framework.admin.skills.store')
    router
      .get('/skills/:id/edit', [AdminSkillsController, 'edit'])
      .as('framework.admin.skills.edit')
    router.put('/skills/:id', [AdminSkillsController, 'update']).as('framework.admin.skills.update')
    router
      .post('/skills/:id/retire', [AdminSkillsController, 'retire'])
      .as('framework.admin.skills.retire')
    router
      .post('/skills/:id/restore', [AdminSkillsController, 'restore'])
      .as('framework.admin.skills.restore')
  })
  .prefix('/framework/admin')
  .use(middleware.auth())

// The JSON API

/*
 * The framework in the JSON API: read-only, for anyone with a token.
 */
router
  .group(() => {
    router.get('/role-profiles', [ApiRoleProfilesController, 'index']).as('api.roleProfiles.index')
    router
      .get('/role-profiles/:id', [ApiRoleProfilesController, 'show'])
      .as('api.roleProfiles.show')
    router.get('/skills', [ApiSkillsController, 'index']).as('api.skills.index')
    router.get('/skills/:id', [ApiSkillsController, 'show']).as('api.skills.show')
    router.get('/progression', [ApiProgressionController, 'show']).as('api.progression')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
