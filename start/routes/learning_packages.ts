/*
 * Learning: e-learning packages (SCORM 1.2 and 2004) — course admins add
 * them to self-paced courses; learners play them on a page of the service,
 * whose sandboxed frame fetches the package's files from their own address
 * with a launch token instead of a session.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LearningPackagesController = () =>
  import('#controllers/learning/admin/learning_packages_controller')
const PackagePlayerController = () => import('#controllers/learning/package_player_controller')
const PackageFilesController = () => import('#controllers/learning/package_files_controller')

router
  .group(() => {
    router
      .get('/courses/:id/packages/create', [LearningPackagesController, 'create'])
      .as('learning.admin.packages.create')
    router
      .post('/courses/:id/packages', [LearningPackagesController, 'store'])
      .as('learning.admin.packages.store')
      .use(middleware.upload({ kind: 'learningPackage' }))
  })
  .prefix('/learning/admin')
  .use(middleware.auth())

router
  .group(() => {
    router.get('/modules/:id/play', [PackagePlayerController, 'show']).as('learning.packages.play')
    router
      .post('/packages/:id/progress', [PackagePlayerController, 'progress'])
      .as('learning.packages.progress')
  })
  .prefix('/learning')
  .use(middleware.auth())

/* No session here: the launch token in the address is the key (app/services/package_paths.ts). */
router
  .get('/learning/packages/:id/play/:launchToken/*', [PackageFilesController, 'show'])
  .as('learning.packages.files')
