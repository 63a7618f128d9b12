/*
 * Insights: dashboards and management information across the service.
 *
 * Pages first, then the same area in the JSON API under /api/v1.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { PANEL_KEYS } from '#queries/insights/panel_keys'

const DashboardsController = () => import('#controllers/insights/dashboards_controller')
const ApiMetricsController = () => import('#controllers/api/insights/metrics_controller')

// Pages

/*
 * Management information routes: the dashboard pages and a CSV of every panel.
 */
router
  .group(() => {
    router.get('/', [DashboardsController, 'overview']).as('insights.overview')
    router.get('/capability', [DashboardsController, 'capability']).as('insights.capability')
    router.get('/workforce', [DashboardsController, 'workforce']).as('insights.workforce')
    router.get('/learning', [DashboardsController, 'learning']).as('insights.learning')
    router.get('/fast-stream', [DashboardsController, 'fastStream']).as('insights.fast_stream')
    router
      .get('/future-leaders', [DashboardsController, 'futureLeaders'])
      .as('insights.future_leaders')
    for (const key of PANEL_KEYS) {
      router.get(`/${key}.csv`, [DashboardsController, 'csv']).as(`insights.csv.${key}`)
    }
  })
  .prefix('/insights')
  .use(middleware.auth())

// The JSON API

/*
 * Management information in the JSON API: one route per dashboard panel.
 */
router
  .group(() => {
    for (const key of PANEL_KEYS) {
      router.get(`/metrics/${key}`, [ApiMetricsController, 'show']).as(`api.metrics.${key}`)
    }
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
