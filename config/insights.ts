import env from '#start/env'

/*
 * Management information. A dashboard panel's figures are kept for
 * INSIGHTS_CACHE_SECONDS (five minutes by default) per panel, organisation
 * and period, so a department's dashboards opened by many people at once
 * are counted once; the pages say how old the figures may be. 0 counts
 * them on every request (the test suite does).
 */
const insightsConfig = {
  cacheSeconds: env.get('INSIGHTS_CACHE_SECONDS', 300),
} as const

export default insightsConfig
