/*
 * Learning: the course catalogue and course pages, for everyone signed in.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CatalogueController = () => import('#controllers/learning/catalogue_controller')

router
  .group(() => {
    router.get('/courses', [CatalogueController, 'index']).as('learning.courses.index')
    router.get('/courses.csv', [CatalogueController, 'csv']).as('learning.courses.csv')
    router.get('/courses/:id', [CatalogueController, 'show']).as('learning.courses.show')
  })
  .prefix('/learning')
  .use(middleware.auth())
