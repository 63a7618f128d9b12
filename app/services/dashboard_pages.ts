import { DateTime } from 'luxon'
import { dayMonthYear, ukCount, ukSterling, ukTenths } from '#domain/shared/uk_format'
import { chartData, PANELS, type PanelKey } from '#queries/insights/panels'
import { loadPanel } from '#queries/insights/panel_cache'
import type { resolveFilters } from '#queries/insights/filters_query'

/* The dashboard pages, the panels each shows and the filters it offers. */
export const DASHBOARD_PAGES = {
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
    panels: ['training', 'session-fill', 'waiting-lists', 'training-budgets'],
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

export type DashboardPageName = keyof typeof DASHBOARD_PAGES
type DashboardPage = (typeof DASHBOARD_PAGES)[DashboardPageName]

/* Pages whose template is not named as the page is. */
const TEMPLATES: Partial<Record<DashboardPageName, string>> = {
  fastStream: 'fast_stream',
  futureLeaders: 'future_leaders',
}

export function dashboardTemplate(name: DashboardPageName) {
  return `pages/insights/${TEMPLATES[name] ?? name}`
}

/* The query string's filters that the page offers: every error it reports then has a field to fix. */
export function offeredFilters(page: DashboardPage, qs: Record<string, unknown>) {
  const offered = page.fields.map((field) =>
    field === 'organisation' ? 'organisationId' : field
  ) as string[]
  return Object.fromEntries(Object.entries(qs).filter(([key]) => offered.includes(key)))
}

/* Each of the page's panels, with the data of its charts. */
export async function dashboardPanels(
  page: DashboardPage,
  filters: NonNullable<Awaited<ReturnType<typeof resolveFilters>>>
) {
  const data: Record<string, unknown> = {}
  const charts: Record<string, Record<string, string>> = {}
  await Promise.all(
    page.panels.map(async (key: PanelKey) => {
      const definition = PANELS[key]
      const figures = await loadPanel(key, filters)
      const loaded = definition.forPage ? definition.forPage(figures) : figures
      data[key] = loaded
      charts[key] = Object.fromEntries(
        Object.entries(definition.charts(loaded)).map(([chart, spec]) => [chart, chartData(spec)])
      )
    })
  )
  return { data, charts }
}

/* How the pages write figures: British English (formatters made once, app/domain/shared/uk_format.ts), and a dash-free "no figure" where a share has no base. */
export const dashboardFormatters = {
  count: (value: number | null) => (value === null ? 'No figure' : ukCount(value)),
  percent: (value: number | null) => (value === null ? 'No figure' : `${ukTenths(value)}%`),
  pounds: (pence: number) => ukSterling(pence),
  day: (isoDay: string) => dayMonthYear(DateTime.fromISO(isoDay)),
  /* Which of five shades a heat-map cell gets: 0 for none, 4 for the largest count. */
  band: (value: number, max: number) => (max <= 0 || value <= 0 ? 0 : Math.ceil((4 * value) / max)),
}

/* "5 minutes", "1 minute", "30 seconds": how old kept figures may be, or null when none are kept. */
export function figuresAge(seconds: number) {
  if (seconds <= 0) return null
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`
  return seconds === 1 ? '1 second' : `${seconds} seconds`
}
