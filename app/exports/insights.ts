import type User from '#models/user'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import type { FixedCsv } from '#services/list_pipeline'
import { withoutBlanks } from '#services/list_pipeline'
import { OrganisationScope } from '#services/organisation_scope'
import { insightsFiltersValidator } from '#validators/insights'
import { resolveFilters } from '#queries/insights/filters_query'
import { PANELS, type InsightsFilters, type PanelKey } from '#queries/insights/panels'
import { loadPanel } from '#queries/insights/panel_cache'

/* The insights area's CSVs: each dashboard panel's figures. */

/* The file name's tail: the organisation and the period the figures are for. */
function fileSuffix(filters: InsightsFilters) {
  const where = filters.selected ? `organisation-${filters.selected.id}` : 'all-government'
  const when = filters.period.quarter
    ? `${filters.period.year}-q${filters.period.quarter}`
    : `${filters.period.year}`
  return `${where}-${when}`
}

/*
 * A panel's figures for the organisation and period the query string
 * names, as the panel's own table (PANELS[key].csv). A bad filter throws
 * a validation error; an organisation outside the person's scope is 404.
 */
export async function panelCsv(
  user: User,
  key: PanelKey,
  qs: Record<string, unknown>
): Promise<FixedCsv> {
  const scope = await OrganisationScope.forUser(user)
  const input = await insightsFiltersValidator.validate(withoutBlanks(qs))
  const filters = await resolveFilters(scope, input)
  if (!filters) throw new RecordNotFoundException()
  const table = PANELS[key].csv(await loadPanel(key, filters))
  return { fileName: `${key}-${fileSuffix(filters)}.csv`, header: table.columns, lines: table.rows }
}
