/*
 * Large exports: a person's recent exports, each one's progress and its download.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ExportsController = () => import('#controllers/exports_controller')

router
  .group(() => {
    router.get('/', [ExportsController, 'index']).as('exports.index')
    router.get('/:id', [ExportsController, 'show']).as('exports.show')
    router.get('/:id/progress', [ExportsController, 'progress']).as('exports.progress')
    router.get('/:id/download', [ExportsController, 'download']).as('exports.download')
  })
  .prefix('/exports')
  .use(middleware.auth())
