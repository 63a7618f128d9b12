import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import type { OrganisationScope } from '#services/organisation_scope'
import { figuresFromRow } from '#models/service_performance_report'
import { transactionUnlessDuplicate } from '#actions/transactions'
import { writePerformanceReport } from '#actions/workforce/report_service_performance'
import { performanceFormValidator, performanceInput } from '#validators/service_performance'
import { performanceProblems } from '#services/service_performance_messages'
import { SERVICE_PERFORMANCE_HEADER } from '#queries/exports/page_csv_headers'
import { readCsvRecords } from '#services/csv_uploads'
import { UK_ZONE, isoDateFromSql } from '#domain/shared/uk_time'
import {
  CHANNELS,
  SATISFACTION,
  channelLabels,
  figureProblems,
  isFuture,
  parsePeriod,
  periodLabel,
  satisfactionLabels,
  type PerformanceFigures,
  type Period,
  type ReportingPeriod,
} from '#domain/workforce/service_performance'
import type { PerformanceInput } from '#validators/service_performance'
import workforceConfig from '#config/workforce'
import { forgetPerformanceOverviews } from '#queries/workforce/performance_overview_query'

/* The most rows one file may hold: it is checked and applied within the request. */
export const MAX_IMPORT_ROWS = 5000

/*
 * Each column of the file and the form field it fills: the columns of a
 * service's performance download (figures as reported, money in pounds),
 * with the service's ID first. The download's worked-out indicators and
 * its count of corrections are not read.
 */
const COLUMN_FIELDS: [string, string][] = [
  ['Service ID', 'serviceId'],
  ['Period', 'period'],
  ...CHANNELS.map((channel): [string, string] => [
    `${channelLabels[channel]} transactions`,
    `${channel}Transactions`,
  ]),
  ['All transactions', 'totalTransactions'],
  ['Total cost (£)', 'totalCost'],
  ...CHANNELS.map((channel): [string, string] => [
    `${channelLabels[channel]} cost (£)`,
    `${channel}Cost`,
  ]),
  ...SATISFACTION.map((answer): [string, string] => [satisfactionLabels[answer], answer]),
  ['Transactions started', 'startedTransactions'],
  ['Transactions completed', 'completedTransactions'],
  ['Notes', 'notes'],
]

const OPTIONAL_FIELDS = new Set(['notes', ...CHANNELS.map((channel) => `${channel}Cost`)])

/* The header of the template: the download's own column names, in its order. */
export const IMPORT_HEADER = SERVICE_PERFORMANCE_HEADER.filter((name) =>
  COLUMN_FIELDS.some(([column]) => column === name)
)

/* "service id", " SERVICE  ID " and "Service ID" all name the same column. */
const columnName = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ')

const FIELD_OF_COLUMN = new Map(COLUMN_FIELDS.map(([column, field]) => [columnName(column), field]))
const COLUMN_OF_FIELD = new Map(COLUMN_FIELDS.map(([column, field]) => [field, column]))
const REQUIRED_COLUMNS = COLUMN_FIELDS.filter(([, field]) => !OPTIONAL_FIELDS.has(field)).map(
  ([column]) => column
)

/* One row of the file as written, by form field, with its line number (the header is line 1). */
export type ImportRow = { line: number; values: Record<string, string> }

export type ParsedImport =
  { type: 'parsed'; rows: ImportRow[] } | { type: 'unreadable'; reason: string }

/* Reads a file of figures: a header row naming the columns in any order, then one period a row. */
export function parsePerformanceCsv(text: string): ParsedImport {
  const read = readCsvRecords(text, {
    columnName,
    noRows: 'The file has no rows of figures under its header row',
  })
  if (read.type === 'unreadable') return read
  const { records } = read
  const present = Object.keys(records[0].record)
  const missing = REQUIRED_COLUMNS.filter((column) => !present.includes(columnName(column)))
  if (missing.length) {
    return {
      type: 'unreadable',
      reason: `The header row must name the columns of the template; it is missing ${missing.join(', ')}`,
    }
  }
  if (records.length > MAX_IMPORT_ROWS) {
    return {
      type: 'unreadable',
      reason: `The file has ${records.length.toLocaleString('en-GB')} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} at a time`,
    }
  }
  return {
    type: 'parsed',
    rows: records.map(({ record, info }) => {
      const values: Record<string, string> = {}
      for (const [column, value] of Object.entries(record)) {
        const field = FIELD_OF_COLUMN.get(column)
        if (field) values[field] = field === 'notes' ? value : value.trim()
      }
      return { line: info.lines, values }
    }),
  }
}

/* A problem of one row: the column at fault (null for the row as a whole) and what to do. */
export type RowProblem = { column: string | null; message: string }

type Target = { serviceId: number; serviceName: string; period: Period; label: string }

export type PlannedRow =
  | ({ outcome: 'add' | 'correct' | 'unchanged'; line: number; input: PerformanceInput } & Target)
  | { outcome: 'error'; line: number; serviceId: string; period: string; problems: RowProblem[] }

export type ImportPlan = {
  rows: PlannedRow[]
  counts: Record<PlannedRow['outcome'], number>
}

type ReportableService = { id: number; name: string; reportingPeriod: ReportingPeriod }
type Reported = { start: string; figures: PerformanceFigures; notes: string | null }

export const NOT_YOURS = 'There is no service with this ID that you report for'

/* The services of the file this person reports for: those they manage, or whose organisation is in their scope. */
async function reportableServices(ids: number[], user: User, scope: OrganisationScope) {
  const services = new Map<number, ReportableService>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .from('services')
      .whereIn('id', ids.slice(i, i + 500))
      .where((query) => {
        query.where('service_manager_id', user.id)
        if (!scope.isEmpty) query.orWhereIn('organisation_id', scope.organisationIdsQuery())
      })
      .select('id', 'name', 'reporting_period')
    for (const row of rows) {
      services.set(Number(row.id), {
        id: Number(row.id),
        name: String(row.name),
        reportingPeriod: row.reporting_period as ReportingPeriod,
      })
    }
  }
  return services
}

/* Every period already reported by these services, oldest first. */
async function reportedPeriods(serviceIds: number[]) {
  const reported = new Map<number, Reported[]>()
  for (let i = 0; i < serviceIds.length; i += 500) {
    const rows = await db
      .from('service_performance_reports')
      .whereIn('service_id', serviceIds.slice(i, i + 500))
      .orderBy('period_start', 'asc')
      .select('*')
    for (const row of rows) {
      const list = reported.get(Number(row.service_id)) ?? []
      list.push({
        start: isoDateFromSql(row.period_start)!,
        figures: figuresFromRow(row),
        notes: row.notes ?? null,
      })
      reported.set(Number(row.service_id), list)
    }
  }
  return reported
}

const fieldProblem = (field: string, message: string): RowProblem => ({
  column: COLUMN_OF_FIELD.get(field) ?? null,
  message,
})

function periodProblem(kind: ReportingPeriod, text: string): string | null {
  if (text === '') return 'Enter the period'
  return kind === 'monthly'
    ? 'Enter the period as a year and month, like 2026-10: this service reports monthly'
    : 'Enter the period as a year and quarter, like 2026-Q4: this service reports quarterly'
}

const sameFigures = (a: Reported, b: PerformanceInput) =>
  JSON.stringify(a.figures) === JSON.stringify(b.figures) && a.notes === b.notes

type Checked = {
  line: number
  serviceId: string
  period: string
  problems: RowProblem[]
  target?: Target & { kind: ReportingPeriod }
  input?: PerformanceInput
}

/*
 * What importing the file would do, row by row: add a period, correct
 * one, leave one as it is, or an error with every problem of the row.
 * Each row passes the checks of the period form: its fields, a period
 * that has started, figures that agree, and a note for a figure far from
 * the previous period's (the previous period may be an earlier row of the
 * same file).
 */
export async function planPerformanceImport(
  rows: ImportRow[],
  user: User,
  scope: OrganisationScope,
  today = DateTime.now().setZone(UK_ZONE).toISODate()!
): Promise<ImportPlan> {
  const ids = [
    ...new Set(
      rows
        .map((row) => row.values.serviceId ?? '')
        .filter((id) => /^\d{1,10}$/.test(id))
        .map(Number)
    ),
  ]
  const services = await reportableServices(ids, user, scope)
  const reported = await reportedPeriods([...services.keys()])

  const seen = new Map<string, number>()
  const checked: Checked[] = []
  for (const row of rows) {
    const idText = row.values.serviceId ?? ''
    const periodText = (row.values.period ?? '').toUpperCase()
    const entry: Checked = { line: row.line, serviceId: idText, period: periodText, problems: [] }
    checked.push(entry)

    const data = Object.fromEntries(
      Object.entries(row.values).filter(([field, value]) => value !== '' && field !== 'serviceId')
    )
    const [invalid, body] = await performanceFormValidator.tryValidate(data)
    if (invalid) {
      for (const message of invalid.messages as { field: string; message: string }[]) {
        entry.problems.push(fieldProblem(message.field, message.message))
      }
    } else {
      entry.input = performanceInput(body, 'pounds')
    }

    const service = /^\d{1,10}$/.test(idText) ? services.get(Number(idText)) : undefined
    if (!service) {
      entry.problems.unshift(
        fieldProblem('serviceId', idText === '' ? 'Enter the service ID' : NOT_YOURS)
      )
      continue
    }
    const period = parsePeriod(service.reportingPeriod, periodText)
    if (!period) {
      entry.problems.unshift(
        fieldProblem('period', periodProblem(service.reportingPeriod, periodText)!)
      )
      continue
    }
    if (isFuture(period, today)) {
      for (const problem of performanceProblems({ type: 'future_period', period }, 'pounds')) {
        entry.problems.unshift(fieldProblem(problem.field, problem.message))
      }
      continue
    }
    const key = `${service.id}/${period.start}`
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      entry.problems.unshift(
        fieldProblem('period', `This service’s ${period.key} is already on line ${earlier}`)
      )
      continue
    }
    seen.set(key, row.line)
    entry.target = {
      serviceId: service.id,
      serviceName: service.name,
      period,
      label: periodLabel(service.reportingPeriod, period),
      kind: service.reportingPeriod,
    }
  }

  // The file's own periods, by service, stand in for what is recorded when checking the next.
  const fromFile = new Map<number, Reported[]>()
  for (const entry of checked) {
    if (!entry.target || !entry.input) continue
    const list = fromFile.get(entry.target.serviceId) ?? []
    list.push({ start: entry.target.period.start, ...entry.input })
    fromFile.set(entry.target.serviceId, list)
  }
  const previousOf = (serviceId: number, start: string) => {
    const candidates = new Map<string, Reported>()
    for (const report of reported.get(serviceId) ?? []) candidates.set(report.start, report)
    for (const report of fromFile.get(serviceId) ?? []) candidates.set(report.start, report)
    let previous: Reported | null = null
    for (const report of candidates.values()) {
      if (report.start < start && (!previous || report.start > previous.start)) previous = report
    }
    return previous
  }

  const planned: PlannedRow[] = checked.map((entry) => {
    const { target, input } = entry
    if (target && input && entry.problems.length === 0) {
      const problems = figureProblems(input.figures, {
        previous: previousOf(target.serviceId, target.period.start)?.figures ?? null,
        factor: workforceConfig.servicePerformance.outlierFactor,
        hasNote: input.notes !== null,
      })
      if (problems.length) {
        for (const problem of performanceProblems({ type: 'figures_wrong', problems }, 'pounds')) {
          entry.problems.push(fieldProblem(problem.field, problem.message))
        }
      } else {
        const existing = (reported.get(target.serviceId) ?? []).find(
          (report) => report.start === target.period.start
        )
        const outcome = !existing ? 'add' : sameFigures(existing, input) ? 'unchanged' : 'correct'
        const { serviceId, serviceName, period, label } = target
        return { outcome, line: entry.line, input, serviceId, serviceName, period, label }
      }
    }
    return {
      outcome: 'error',
      line: entry.line,
      serviceId: entry.serviceId,
      period: entry.period,
      problems: entry.problems,
    }
  })
  const counts = { add: 0, correct: 0, unchanged: 0, error: 0 }
  for (const row of planned) counts[row.outcome] += 1
  return { rows: planned, counts }
}

export type PreviewResult =
  { type: 'planned'; plan: ImportPlan } | { type: 'unreadable'; reason: string }

/* What importing this file would do, with nothing saved. */
export async function previewPerformanceImport(
  text: string,
  user: User,
  scope: OrganisationScope
): Promise<PreviewResult> {
  const parsed = parsePerformanceCsv(text)
  if (parsed.type === 'unreadable') return parsed
  return { type: 'planned', plan: await planPerformanceImport(parsed.rows, user, scope) }
}

export type ApplyResult =
  | { type: 'applied'; plan: ImportPlan }
  | { type: 'has_errors'; plan: ImportPlan }
  | { type: 'unreadable'; reason: string }
  | { type: 'reported_at_once' }

/*
 * Imports the file, checked again as it is applied: every row that adds
 * or corrects a period is written in one transaction, each audited as the
 * period form audits it; nothing is written while any row has an error.
 */
export async function applyPerformanceImport(
  text: string,
  user: User,
  scope: OrganisationScope,
  fileName: string | null
): Promise<ApplyResult> {
  const preview = await previewPerformanceImport(text, user, scope)
  if (preview.type === 'unreadable') return preview
  const { plan } = preview
  if (plan.counts.error) return { type: 'has_errors', plan }
  const result = await transactionUnlessDuplicate(
    { type: 'reported_at_once' as const },
    async (trx) => {
      for (const row of plan.rows) {
        if (row.outcome !== 'add' && row.outcome !== 'correct') continue
        await writePerformanceReport(trx, row.serviceId, row.period, row.input, user)
      }
      if (plan.counts.add + plan.counts.correct) {
        await recordAudit(
          {
            action: AuditActions.Create,
            subjectType: 'service_performance_import',
            subjectLabel: fileName ?? 'Performance import',
            after: { ...plan.counts, fileName },
          },
          trx
        )
      }
      return { type: 'applied' as const, plan }
    }
  )
  if (result.type === 'applied') await forgetPerformanceOverviews()
  return result
}

/* The template offered for download: the header and one example period. */
export const performanceTemplate = {
  fileName: 'service-performance.csv',
  header: IMPORT_HEADER,
  lines: [
    IMPORT_HEADER.map((column) => {
      const example: Record<string, string | number> = {
        'Service ID': 123,
        'Period': '2026-10',
        'Digital transactions': 8000,
        'Assisted digital transactions': 500,
        'Phone transactions': 1000,
        'Paper transactions': 400,
        'Face to face transactions': 100,
        'All transactions': 10000,
        'Total cost (£)': '25000.00',
        'Phone cost (£)': '12000.50',
        'Very satisfied': 50,
        'Satisfied': 30,
        'Neither satisfied nor dissatisfied': 10,
        'Dissatisfied': 5,
        'Very dissatisfied': 5,
        'Transactions started': 12000,
        'Transactions completed': 10000,
      }
      return example[column] ?? ''
    }),
  ],
}
