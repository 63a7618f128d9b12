import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { found } from '#services/params'
import { insightsFiltersValidator } from '#validators/insights'
import { sendFixedCsv, withoutBlanks } from '#services/list_pipeline'
import { panelCsv } from '#exports/insights'
import { filterChoices, filterQuery, resolveFilters } from '#queries/insights/filters_query'
import { panelOfRoute } from '#queries/insights/panel_keys'
import { SHOWN, serviceStatusLabels } from '#queries/insights/panels'
import { SERVICE_STATUSES } from '#queries/insights/strategy_actions_query'
import { enrolmentStatusLabels } from '#enums/learning'
import { organisationTypeLabels } from '#enums/organisation_types'
import { keptFiguresAge } from '#queries/insights/panel_cache'
import {
  DASHBOARD_PAGES,
  dashboardFormatters,
  dashboardPanels,
  dashboardTemplate,
  figuresAge,
  offeredFilters,
  type DashboardPageName,
} from '#services/dashboard_pages'

/*
 * Management information for department HR (their organisation's tree)
 * and capability admins (all of government, or one department): the
 * dashboard pages and a CSV of every panel.
 */
export default class DashboardsController {
  overview(ctx: HttpContext) {
    return this.render(ctx, 'overview')
  }

  capability(ctx: HttpContext) {
    return this.render(ctx, 'capability')
  }

  workforce(ctx: HttpContext) {
    return this.render(ctx, 'workforce')
  }

  learning(ctx: HttpContext) {
    return this.render(ctx, 'learning')
  }

  fastStream(ctx: HttpContext) {
    return this.render(ctx, 'fastStream')
  }

  futureLeaders(ctx: HttpContext) {
    return this.render(ctx, 'futureLeaders')
  }

  async csv({ auth, bouncer, request, response, route }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const key = panelOfRoute(route?.pattern)
    sendFixedCsv(response, await panelCsv(auth.getUserOrFail(), key, request.qs()))
  }

  private async render(ctx: HttpContext, name: DashboardPageName) {
    const { bouncer, request, response, view } = ctx
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const page = DASHBOARD_PAGES[name]
    const scope = await ctx.organisationScope()
    const choices = await filterChoices(scope)
    const common = {
      page,
      pages: DASHBOARD_PAGES,
      fields: page.fields,
      choices,
      allGovernment: scope.everything,
      enrolmentStatusLabels,
      organisationTypeLabels,
      serviceStatusLabels,
      serviceStatuses: SERVICE_STATUSES,
      shown: SHOWN,
      fmt: dashboardFormatters,
      figuresAge: figuresAge(keptFiguresAge()),
    }
    const template = dashboardTemplate(name)
    const qs = offeredFilters(page, withoutBlanks(request.qs()))
    const [error, input] = await insightsFiltersValidator.tryValidate(qs)
    if (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      const errors: Record<string, string[]> = {}
      for (const message of error.messages as Array<{ field: string; message: string }>) {
        errors[message.field] = [...(errors[message.field] ?? []), message.message]
      }
      response.status(422)
      return view.render(template, {
        ...common,
        errors,
        input: request.qs(),
        filters: null,
        data: null,
        charts: null,
        query: '',
        navigationQuery: '',
      })
    }

    const filters = found(await resolveFilters(scope, input))
    const { data, charts } = await dashboardPanels(page, filters)
    return view.render(template, {
      ...common,
      errors: {},
      input: {
        organisationId: filters.selected?.id ?? '',
        year: filters.period.year,
        quarter: filters.period.quarter ?? '',
        rows: filters.rows,
        roundId: filters.roundId ?? '',
      },
      filters,
      data,
      charts,
      query: filterQuery(filters),
      navigationQuery: filterQuery(
        { ...filters, rows: 'family', roundId: null },
        { quarter: null }
      ),
    })
  }
}
