import { forgetKept, kept } from '#services/kept'
import insightsConfig from '#config/insights'
import { PANELS, type InsightsFilters, type PanelKey } from '#queries/insights/panels'

/* How old kept figures may be when served: their time to live, then as long again while a fresh count runs. */
export function keptFiguresAge(seconds = insightsConfig.cacheSeconds) {
  return seconds <= 0 ? 0 : seconds * 2
}

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
 * A panel's figures (plain numbers and text, so any cache store can keep
 * them): counted by its queries, or as kept from a count made
 * within the last INSIGHTS_CACHE_SECONDS. People asking for the same figures
 * at the same time wait for one count between them. Once kept figures are
 * due for a recount they are still served, for as long again, while one
 * recount runs in the background, so no one waits for it; only figures no
 * one has asked for in that time are counted while the person waits.
 */
export async function loadPanel(key: PanelKey, filters: InsightsFilters): Promise<any> {
  const definition = PANELS[key]
  return kept('insights', panelCacheKey(key, filters), insightsConfig.cacheSeconds, () =>
    definition.load(filters)
  )
}

/* Forgets every kept figure, so the next request counts afresh. */
export async function forgetKeptFigures() {
  await forgetKept('insights')
}
