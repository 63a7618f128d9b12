/*
 * Team capability: the skills matrix for line managers and department HR.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const TeamController = () => import('#controllers/capability/team_controller')

router
  .group(() => {
    router.get('/team', [TeamController, 'show']).as('capability.team')
    router.get('/team.csv', [TeamController, 'csv']).as('capability.team.csv')
  })
  .prefix('/capability')
  .use(middleware.auth())
