/*
 * Staff import: department HR and capability admins load people from a CSV.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const StaffImportsController = () => import('#controllers/identity/staff_imports_controller')

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
