import type { HttpContext } from '@adonisjs/core/http'
import { problem } from '#services/api'
import { insightsFiltersValidator } from '#validators/insights'
import { withoutBlanks } from '#services/list_pipeline'
import { resolveFilters } from '#queries/insights/filters_query'
import { PANELS } from '#queries/insights/panels'
import { panelOfRoute } from '#queries/insights/panel_keys'
import { loadPanel } from '#queries/insights/panel_cache'

/*
 * Every dashboard panel's figures in the JSON API, with the same filters
 * as the pages (organisationId, year, quarter, rows, roundId) and the same
 * scoping: department HR see their own organisation's tree, capability
 * admins all of government.
 */
export default class MetricsController {
  async show({ bouncer, organisationScope, request, response, route }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const key = panelOfRoute(route?.pattern)
    const scope = await organisationScope()
    const input = await insightsFiltersValidator.validate(withoutBlanks(request.qs()))
    const filters = await resolveFilters(scope, input)
    if (!filters) {
      return problem(
        response,
        404,
        'There is no organisation or published round with this id that you can see.'
      )
    }
    return {
      data: await loadPanel(key, filters),
      meta: {
        panel: key,
        title: PANELS[key].title,
        organisation: filters.selected
          ? { id: filters.selected.id, name: filters.selected.name }
          : null,
        period: {
          year: filters.period.year,
          quarter: filters.period.quarter,
          label: filters.period.label,
          start: filters.period.start.toISODate(),
          end: filters.period.end.minus({ days: 1 }).toISODate(),
        },
      },
    }
  }
}
