/*
 * The course catalogue in the JSON API: read-only, for anyone with a token.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CatalogueController = () => import('#controllers/api/learning/catalogue_controller')

router
  .group(() => {
    router.get('/courses', [CatalogueController, 'index']).as('api.courses.index')
    router.get('/courses/:id', [CatalogueController, 'show']).as('api.courses.show')
    router.get('/sessions/:id', [CatalogueController, 'session']).as('api.sessions.show')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
