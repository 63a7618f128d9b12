import {
  capabilityCoverage,
  skillGapHeatMap,
  type HeatMapRows,
} from '#queries/insights/capability_query'
import { headcount } from '#queries/insights/headcount_query'
import { sessionFill, training, waitingLists } from '#queries/insights/training_query'
import { budgetsOverview } from '#queries/learning/training_budgets_query'
import { financialYearName } from '#domain/learning/training_budgets'
import {
  digitalLeaders,
  serviceManagers,
  SERVICE_STATUSES,
} from '#queries/insights/strategy_actions_query'
import { fastStreamFigures, type DigitalRule } from '#queries/insights/fast_stream_query'
import { futureLeadersFigures } from '#queries/insights/future_leaders_query'
import { monthEnds, trends, type Trends } from '#queries/insights/trends_query'
import type { Period } from '#queries/insights/period'
import type { SelectedOrganisation } from '#queries/insights/rollup'
import { enrolmentStatusLabels } from '#enums/learning'
import { organisationTypeLabels } from '#enums/organisation_types'
import { complianceStatusLabels } from '#queries/workforce/compliance_query'
import { PANEL_KEYS, type PanelKey } from '#queries/insights/panel_keys'

export { PANEL_KEYS, type PanelKey }

/* How many courses a page shows in a long list; the CSV has them all. */
export const SHOWN = 20

/* What every panel is filtered by. */
export type InsightsFilters = {
  selected: SelectedOrganisation | null
  period: Period
  rows: HeatMapRows
  roundId: number | null
}

/* A chart as the page script draws it: the same figures as the table beside it. */
export type ChartSpec = {
  type: 'bar' | 'line'
  labels: string[]
  datasets: Array<{ label: string; data: Array<number | null> }>
  unit: 'percent' | 'count' | 'pounds'
  stacked?: boolean
  horizontal?: boolean
}

/* A panel's figures as rows of a CSV file. */
export type CsvTable = { columns: string[]; rows: Array<Array<string | number | null>> }

type PanelDefinition<T> = {
  title: string
  load(filters: InsightsFilters): Promise<T>
  /* The figures as the dashboard page shows them, when it shows fewer than the CSV and the API give. */
  forPage?(data: T): T
  csv(data: T): CsvTable
  charts(data: T): Record<string, ChartSpec>
}

function panel<T>(definition: PanelDefinition<T>) {
  return definition
}

/* A bar across the chart for each row, named by the row, with one bar per series (stacked, when asked). */
function barsPerRow<R>(
  rows: R[],
  nameOf: (row: R) => string,
  unit: ChartSpec['unit'],
  series: Array<[label: string, valueOf: (row: R) => number | null]>,
  { stacked = false }: { stacked?: boolean } = {}
): ChartSpec {
  return {
    type: 'bar',
    horizontal: true,
    ...(stacked ? { stacked: true } : {}),
    unit,
    labels: rows.map((row) => nameOf(row)),
    datasets: series.map(([label, valueOf]) => ({ label, data: rows.map((row) => valueOf(row)) })),
  }
}

/* Where people stand against the digital rule, as a chart. */
function digitalRuleChart(label: string, rule: DigitalRule): ChartSpec {
  return {
    type: 'bar',
    unit: 'count',
    labels: ['Met', 'On track', 'At risk', 'Missed'],
    datasets: [{ label, data: [rule.met, rule.onTrack, rule.atRisk, rule.missed] }],
  }
}

/* Where people stand against the digital rule, as CSV rows of measures. */
function digitalRuleRows(data: { digitalRule: DigitalRule; digitalRuleRate: number | null }) {
  return [
    ['digital rule: met', data.digitalRule.met],
    ['digital rule: on track', data.digitalRule.onTrack],
    ['digital rule: at risk', data.digitalRule.atRisk],
    ['digital rule: missed', data.digitalRule.missed],
    ['digital rule: met (%)', data.digitalRuleRate],
  ]
}

/* The trend lines of one unit, over the days taken. */
function trendLines(data: Trends, unit: Trends['measures'][number]['unit']): ChartSpec {
  return {
    type: 'line',
    unit,
    labels: data.dates,
    datasets: data.measures
      .filter((measure) => measure.unit === unit)
      .map((measure) => ({ label: measure.label, data: measure.values })),
  }
}

/* A chart's data attribute: JSON the page script reads (escaped by the template like any attribute). */
export function chartData(spec: ChartSpec) {
  return JSON.stringify(spec)
}

export const serviceStatusLabels: Record<(typeof SERVICE_STATUSES)[number], string> = {
  compliant: complianceStatusLabels.compliant,
  training_booked: complianceStatusLabels.training_booked,
  not_trained: complianceStatusLabels.not_trained,
  none_named: complianceStatusLabels.none_named,
}

/*
 * Every dashboard panel: its title, its query, its CSV and its charts.
 * The pages, the CSV downloads and the metrics API all go through these.
 */
export const PANELS: { [K in PanelKey]: PanelDefinition<any> } = {
  'capability-coverage': panel({
    title: 'Capability coverage',
    load: ({ selected }) => capabilityCoverage(selected),
    csv: (data) => ({
      columns: ['Breakdown', 'Name', 'People', 'Meeting every requirement', 'Coverage (%)'],
      rows: [
        ...data.byOrganisation.map((row) => [
          'organisation',
          row.name,
          row.people,
          row.meeting,
          row.coverage,
        ]),
        ...data.byRoleFamily.map((row) => [
          'role family',
          row.name,
          row.people,
          row.meeting,
          row.coverage,
        ]),
        ['total', 'Total', data.total.people, data.total.meeting, data.total.coverage],
      ],
    }),
    charts: (data) => ({
      byOrganisation: barsPerRow(data.byOrganisation, (row) => row.name, 'percent', [
        ['Coverage (%)', (row) => row.coverage],
      ]),
      byRoleFamily: barsPerRow(data.byRoleFamily, (row) => row.name, 'percent', [
        ['Coverage (%)', (row) => row.coverage],
      ]),
    }),
  }),

  'skill-gaps': panel({
    title: 'Skill gaps',
    load: ({ selected, rows }) => skillGapHeatMap(selected, rows),
    csv: (data) => ({
      columns: [
        data.rows === 'family' ? 'Role family' : 'Organisation',
        'Skill category',
        'People below the required level',
        'People assessed against the category',
      ],
      rows: data.lines.flatMap((line) =>
        data.categories.map((category) => [
          line.name,
          category,
          line.cells[category].below,
          line.cells[category].people,
        ])
      ),
    }),
    charts: () => ({}),
  }),

  'headcount': panel({
    title: 'Headcount',
    load: ({ selected, period }) => headcount(selected, period.year),
    csv: (data) => ({
      columns: [
        'Role family',
        'Role profile',
        'Posts needed',
        'In post',
        'Being recruited',
        'Shortfall',
      ],
      rows: [
        ...data.byRoleProfile.map((row) => [
          row.family,
          row.name,
          row.postsNeeded,
          row.inPost,
          row.beingRecruited,
          Math.max(0, row.postsNeeded - row.inPost),
        ]),
        [
          '',
          'Total',
          data.total.postsNeeded,
          data.total.inPost,
          data.total.beingRecruited,
          Math.max(0, data.total.postsNeeded - data.total.inPost),
        ],
      ],
    }),
    charts: (data) => ({
      byRoleProfile: barsPerRow(data.byRoleProfile, (row) => row.name, 'count', [
        ['Posts needed', (row) => row.postsNeeded],
        ['In post', (row) => row.inPost],
        ['Being recruited', (row) => row.beingRecruited],
      ]),
    }),
  }),

  'training': panel({
    title: 'Training',
    load: ({ selected, period }) => training(selected, period),
    csv: (data) => ({
      columns: ['Measure', 'Value'],
      rows: [
        ...data.byStatus.map((row) => [
          `enrolments: ${enrolmentStatusLabels[row.status]}`,
          row.enrolments,
        ]),
        ['enrolments: all', data.enrolments],
        ['completion rate (%)', data.completionRate],
        ['no-show rate (%)', data.noShowRate],
        ['spend (£)', (data.spendPence / 100).toFixed(2)],
      ],
    }),
    charts: (data) => ({
      byStatus: {
        type: 'bar',
        unit: 'count',
        labels: data.byStatus.map((row) => enrolmentStatusLabels[row.status]),
        datasets: [{ label: 'Enrolments', data: data.byStatus.map((row) => row.enrolments) }],
      },
    }),
  }),

  'session-fill': panel({
    title: 'Session fill',
    load: ({ period }) => sessionFill(period),
    csv: (data) => ({
      columns: ['Course code', 'Course', 'Sessions', 'Places', 'Places taken', 'Fill rate (%)'],
      rows: [
        ...data.courses.map((row) => [
          row.code,
          row.title,
          row.sessions,
          row.places,
          row.taken,
          row.fillRate,
        ]),
        [
          '',
          'Total',
          data.total.sessions,
          data.total.places,
          data.total.taken,
          data.total.fillRate,
        ],
      ],
    }),
    charts: (data) => ({
      byCourse: barsPerRow(data.courses.slice(0, SHOWN), (row) => row.title, 'percent', [
        ['Fill rate (%)', (row) => row.fillRate],
      ]),
    }),
  }),

  'waiting-lists': panel({
    title: 'Waiting lists',
    load: ({ selected, period }) => waitingLists(selected, period),
    csv: (data) => ({
      columns: ['Course code', 'Course', 'Learners waiting', 'Sessions with a waiting list'],
      rows: data.courses.map((row) => [row.code, row.title, row.waitlisted, row.sessions]),
    }),
    charts: (data) => ({
      byCourse: barsPerRow(data.courses.slice(0, SHOWN), (row) => row.title, 'count', [
        ['Learners waiting', (row) => row.waitlisted],
      ]),
    }),
  }),

  'training-budgets': panel({
    title: 'Training budgets',
    load: ({ selected, period }) => budgetsOverview(selected, period.year),
    csv: (data) => {
      const pounds = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2))
      const year = financialYearName(data.financialYear)
      return {
        columns: [
          'Organisation',
          'Financial year',
          'Budget (£)',
          'Committed (£)',
          'Spent (£)',
          'Remaining (£)',
        ],
        rows: [
          ...data.budgets.map((row) => [
            row.organisationName,
            year,
            pounds(row.amountPence),
            pounds(row.committedPence),
            pounds(row.spentPence),
            pounds(row.remainingPence),
          ]),
          [
            'No budget',
            year,
            '',
            pounds(data.unbudgeted.committedPence),
            pounds(data.unbudgeted.spentPence),
            '',
          ],
        ],
      }
    },
    charts: (data) => ({
      byOrganisation: barsPerRow(
        data.budgets,
        (row) => row.organisationName,
        'pounds',
        [
          ['Committed (£)', (row) => row.committedPence / 100],
          ['Spent (£)', (row) => row.spentPence / 100],
          ['Remaining (£)', (row) => Math.max(0, row.remainingPence ?? 0) / 100],
        ],
        { stacked: true }
      ),
    }),
  }),

  'digital-leaders': panel({
    title: 'Action 01: Digital Leaders',
    load: ({ selected }) => digitalLeaders(selected),
    csv: (data) => ({
      columns: ['Organisation', 'Type', 'Digital Leader in place', 'Digital Leader', 'Reason'],
      rows: data.organisations.map((row) => [
        row.name,
        organisationTypeLabels[row.type],
        row.inPlace ? 'yes' : 'no',
        row.digitalLeader ?? '',
        row.reason ?? '',
      ]),
    }),
    charts: (data) => ({
      summary: {
        type: 'bar',
        unit: 'count',
        labels: ['In place', 'Not in place'],
        datasets: [{ label: 'Organisations', data: [data.inPlace, data.total - data.inPlace] }],
      },
    }),
  }),

  'service-managers': panel({
    title: 'Action 02: Service Managers',
    load: ({ selected }) => serviceManagers(selected),
    csv: (data) => ({
      columns: [
        'Organisation',
        'Services over the threshold',
        ...SERVICE_STATUSES.map((key) => serviceStatusLabels[key]),
      ],
      rows: [
        ...data.byOrganisation.map((row) => [
          row.name,
          row.total,
          ...SERVICE_STATUSES.map((key) => row[key]),
        ]),
        ['Total', data.total, ...SERVICE_STATUSES.map((key) => data.byStatus[key])],
      ],
    }),
    charts: (data) => ({
      byOrganisation: barsPerRow(
        data.byOrganisation,
        (row) => row.name,
        'count',
        SERVICE_STATUSES.map((key) => [serviceStatusLabels[key], (row) => row[key]]),
        { stacked: true }
      ),
    }),
  }),

  'fast-stream': panel({
    title: 'Fast Stream',
    load: ({ selected, roundId }) => fastStreamFigures(selected, roundId),
    csv: (data) => ({
      columns: ['Measure', 'Value'],
      rows: [
        ['round', data.round?.name ?? ''],
        ['placements approved', data.placements],
        ['places offered', data.placesOffered],
        ['places filled', data.placesFilled],
        ['fill rate (%)', data.fillRate],
        ['entrants matched', data.matched],
        ['matched to their first choice', data.firstChoice],
        ['first-choice rate (%)', data.firstChoiceRate],
        ...digitalRuleRows(data),
        ...data.byOrganisation.flatMap((row) => [
          [`places offered: ${row.name}`, row.offered],
          [`places filled: ${row.name}`, row.filled],
        ]),
      ],
    }),
    charts: (data) => ({
      byOrganisation: barsPerRow(data.byOrganisation, (row) => row.name, 'count', [
        ['Places offered', (row) => row.offered],
        ['Places filled', (row) => row.filled],
      ]),
      digitalRule: digitalRuleChart('Entrants', data.digitalRule),
    }),
  }),

  'future-leaders': panel({
    title: 'Future Leaders Scheme',
    load: ({ selected }) => futureLeadersFigures(selected),
    csv: (data) => ({
      columns: ['Measure', 'Value'],
      rows: [
        ['future leaders within the scheme', data.participants],
        ...digitalRuleRows(data),
        ...data.placementsByService.flatMap((row) => [
          [`placements: ${row.name} (${row.organisation})`, row.placements],
          [`places offered: ${row.name} (${row.organisation})`, row.placesOffered],
          [`places filled: ${row.name} (${row.organisation})`, row.placesFilled],
        ]),
      ],
    }),
    charts: (data) => ({
      digitalRule: digitalRuleChart('Future Leaders', data.digitalRule),
      byService: barsPerRow(data.placementsByService, (row) => row.name, 'count', [
        ['Places offered', (row) => row.placesOffered],
        ['Places filled', (row) => row.placesFilled],
      ]),
    }),
  }),

  'trends': panel({
    title: 'Trends',
    load: ({ selected, period }) => trends(selected, period),
    forPage: monthEnds,
    csv: (data) => ({
      columns: ['Taken on', ...data.measures.map((measure) => measure.label)],
      rows: data.dates.map((day, index) => [
        day,
        ...data.measures.map((measure) => measure.values[index]),
      ]),
    }),
    charts: (data) => ({
      percentages: trendLines(data, 'percent'),
      counts: trendLines(data, 'count'),
    }),
  }),
}
