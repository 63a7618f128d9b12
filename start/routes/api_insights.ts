/*
 * Management information in the JSON API: one route per dashboard panel.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { PANEL_KEYS } from '#queries/insights/panel_keys'

const MetricsController = () => import('#controllers/api/insights/metrics_controller')

router
  .group(() => {
    for (const key of PANEL_KEYS) {
      router.get(`/metrics/${key}`, [MetricsController, 'show']).as(`api.metrics.${key}`)
    }
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
