/*
 * Framework editing for capability admins. Nothing is deleted but a
 * requirement: families, roles, levels and skills are retired and restored.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FrameworkAdminController = () =>
  import('#controllers/framework/admin/framework_admin_controller')
const RoleFamiliesController = () => import('#controllers/framework/admin/role_families_controller')
const RoleProfilesController = () => import('#controllers/framework/admin/role_profiles_controller')
const RoleLevelsController = () => import('#controllers/framework/admin/role_levels_controller')
const RoleRequirementsController = () =>
  import('#controllers/framework/admin/role_requirements_controller')
const SkillsController = () => import('#controllers/framework/admin/skills_controller')

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
      .get('/families/:id/roles/create', [RoleProfilesController, 'create'])
      .as('framework.admin.roles.create')
    router
      .post('/families/:id/roles', [RoleProfilesController, 'store'])
      .as('framework.admin.roles.store')
    router.get('/roles/:id/edit', [RoleProfilesController, 'edit']).as('framework.admin.roles.edit')
    router.put('/roles/:id', [RoleProfilesController, 'update']).as('framework.admin.roles.update')
    router
      .post('/roles/:id/retire', [RoleProfilesController, 'retire'])
      .as('framework.admin.roles.retire')
    router
      .post('/roles/:id/restore', [RoleProfilesController, 'restore'])
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

    router.get('/skills', [SkillsController, 'index']).as('framework.admin.skills.index')
    router.get('/skills/create', [SkillsController, 'create']).as('framework.admin.skills.create')
    router.post('/skills', [SkillsController, 'store']).as('framework.admin.skills.store')
    router.get('/skills/:id/edit', [SkillsController, 'edit']).as('framework.admin.skills.edit')
    router.put('/skills/:id', [SkillsController, 'update']).as('framework.admin.skills.update')
    router
      .post('/skills/:id/retire', [SkillsController, 'retire'])
      .as('framework.admin.skills.retire')
    router
      .post('/skills/:id/restore', [SkillsController, 'restore'])
      .as('framework.admin.skills.restore')
  })
  .prefix('/framework/admin')
  .use(middleware.auth())
