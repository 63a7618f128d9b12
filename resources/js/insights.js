/*
 * The dashboards' charts: drawn only on the pages that load this script,
 * from the same figures as the tables beside them.
 */
import { drawCharts } from './insights/charts.js'

drawCharts(document)
