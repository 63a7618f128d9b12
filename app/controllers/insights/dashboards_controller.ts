import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { OrganisationScope } from '#services/organisation_scope'
import { insightsFiltersValidator } from '#validators/insights'
import { sendFixedCsv, withoutBlanks } from '#services/list_pipeline'
import { panelCsv } from '#exports/insights'
import { UkFormats } from '#domain/shared/uk_time'
import { filterChoices, filterQuery, resolveFilters } from '#queries/insights/filters_query'
import { panelOfRoute } from '#queries/insights/panel_keys'
import {
  chartData,
  PANELS,
  SHOWN,
  serviceStatusLabels,
  type PanelKey,
} from '#queries/insights/panels'
import { SERVICE_STATUSES } from '#queries/insights/strategy_actions_query'
import { enrolmentStatusLabels } from '#enums/learning'
import { organisationTypeLabels } from '#enums/organisation_types'
import { keptFiguresAge, loadPanel } from '#queries/insights/panel_cache'

/* The dashboard pages, the panels each shows and the filters it offers. */
const PAGES = {
  overview: {
    title: 'Dashboards',
    path: '/insights',
    panels: ['trends'],
    fields: ['organisation', 'year', 'quarter'],
  },
  capability: {
    title: 'Capability dashboard',
    path: '/insights/capability',
    panels: ['capability-coverage', 'skill-gaps'],
    fields: ['organisation', 'rows'],
  },
  workforce: {
    title: 'Workforce dashboard',
    path: '/insights/workforce',
    panels: ['headcount', 'digital-leaders', 'service-managers'],
    fields: ['organisation', 'year'],
  },
  learning: {
    title: 'Learning dashboard',
    path: '/insights/learning',
    panels: ['training', 'session-fill', 'waiting-lists'],
    fields: ['organisation', 'year', 'quarter'],
  },
  fastStream: {
    title: 'Fast Stream dashboard',
    path: '/insights/fast-stream',
    panels: ['fast-stream'],
    fields: ['organisation', 'roundId'],
  },
  futureLeaders: {
    title: 'Future Leaders dashboard',
    path: '/insights/future-leaders',
    panels: ['future-leaders'],
    fields: ['organisation'],
  },
} satisfies Record<string, { title: string; path: string; panels: PanelKey[]; fields: string[] }>

type PageName = keyof typeof PAGES

/* Pages whose template is not named as the page is. */
const TEMPLATES: Partial<Record<PageName, string>> = {
  fastStream: 'fast_stream',
  futureLeaders: 'future_leaders',
}

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

  private async render({ auth, bouncer, request, response, view }: HttpContext, name: PageName) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const page = PAGES[name]
    const user = auth.getUserOrFail()
    const scope = await OrganisationScope.forUser(user)
    const choices = await filterChoices(scope)
    const common = {
      page,
      pages: PAGES,
      fields: page.fields,
      choices,
      allGovernment: scope.everything,
      enrolmentStatusLabels,
      organisationTypeLabels,
      serviceStatusLabels,
      serviceStatuses: SERVICE_STATUSES,
      shown: SHOWN,
      fmt: formatters,
      figuresAge: figuresAge(keptFiguresAge()),
    }
    const template = `pages/insights/${TEMPLATES[name] ?? name}`

    // A page reads only the filters it offers, so every error it reports has a field to fix.
    const offered = page.fields.map((field) =>
      field === 'organisation' ? 'organisationId' : field
    )
    const qs = Object.fromEntries(
      Object.entries(withoutBlanks(request.qs())).filter(([key]) => offered.includes(key))
    )
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

    const filters = await resolveFilters(scope, input)
    if (!filters) throw new RecordNotFoundException()
    const data: Record<string, unknown> = {}
    const charts: Record<string, Record<string, string>> = {}
    await Promise.all(
      page.panels.map(async (key) => {
        const definition = PANELS[key]
        const figures = await loadPanel(key, filters)
        const loaded = definition.forPage ? definition.forPage(figures) : figures
        data[key] = loaded
        charts[key] = Object.fromEntries(
          Object.entries(definition.charts(loaded)).map(([chart, spec]) => [chart, chartData(spec)])
        )
      })
    )
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

/* How the pages write figures: British English, and a dash-free "no figure" where a share has no base. */
const formatters = {
  count: (value: number | null) => (value === null ? 'No figure' : value.toLocaleString('en-GB')),
  percent: (value: number | null) =>
    value === null
      ? 'No figure'
      : `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`,
  pounds: (pence: number) =>
    (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' }),
  day: (isoDay: string) => DateTime.fromISO(isoDay).toFormat(UkFormats.date),
  /* Which of five shades a heat-map cell gets: 0 for none, 4 for the largest count. */
  band: (value: number, max: number) => (max <= 0 || value <= 0 ? 0 : Math.ceil((4 * value) / max)),
}

/* "5 minutes", "1 minute", "30 seconds": how old kept figures may be, or null when none are kept. */
function figuresAge(seconds: number) {
  if (seconds <= 0) return null
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`
  return seconds === 1 ? '1 second' : `${seconds} seconds`
}
