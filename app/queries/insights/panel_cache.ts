import cache from '@adonisjs/cache/services/main'
import insightsConfig from '#config/insights'
import { PANELS, type InsightsFilters, type PanelKey } from '#queries/insights/panels'

/*
 * The panels whose figures are kept for a while: those counted over every
 * person, enrolment or post in scope. The others read a few hundred rows
 * at most (and the Fast Stream panel carries dates, which a shared cache
 * would hand back as text).
 */
const KEPT = new Set<PanelKey>([
  'capability-coverage',
  'skill-gaps',
  'headcount',
  'training',
  'session-fill',
  'waiting-lists',
])

/*
 * What a panel's figures depend on, and nothing else: the organisation
 * (the resolved one, so two people who may both see it share its figures
 * and no one ever gets figures for an organisation they could not choose),
 * the period, the heat map's rows and the round.
 */
export function panelCacheKey(key: PanelKey, filters: InsightsFilters) {
  return [
    key,
    filters.selected ? `organisation-${filters.selected.id}` : 'all',
    filters.period.start.toISODate(),
    filters.period.end.toISODate(),
    filters.rows,
    filters.roundId ?? 'none',
  ].join(':')
}

/*
 * A panel's figures: counted by its queries, or as kept from a count made
 * within the last INSIGHTS_CACHE_SECONDS. People asking for the same figures
 * at the same time wait for one count between them.
 */
export async function loadPanel(key: PanelKey, filters: InsightsFilters): Promise<any> {
  const definition = PANELS[key]
  if (insightsConfig.cacheSeconds <= 0 || !KEPT.has(key)) return definition.load(filters)
  return cache.namespace('insights').getOrSet({
    key: panelCacheKey(key, filters),
    ttl: insightsConfig.cacheSeconds * 1000,
    factory: () => definition.load(filters),
  })
}
