/*
 * Strategy action 13: the four indicators of a transactional service's
 * performance, worked out from the raw figures a department reports for
 * each period (never typed as ratios), and the checks those figures must
 * pass. Periods are months or calendar quarters. Pure: no framework imports.
 */

/* The channels a transaction can come through, digital first. */
export const CHANNELS = ['digital', 'assistedDigital', 'phone', 'paper', 'faceToFace'] as const
export type Channel = (typeof CHANNELS)[number]

export const channelLabels: Record<Channel, string> = {
  digital: 'Digital',
  assistedDigital: 'Assisted digital',
  phone: 'Phone',
  paper: 'Paper',
  faceToFace: 'Face to face',
}

/*
 * The GOV.UK satisfaction scale, most satisfied first, with the weight each
 * answer carries in the satisfaction score (very satisfied 100, very
 * dissatisfied 0), as the Performance Platform scored it.
 */
export const SATISFACTION = [
  'verySatisfied',
  'satisfied',
  'neither',
  'dissatisfied',
  'veryDissatisfied',
] as const
export type Satisfaction = (typeof SATISFACTION)[number]

export const satisfactionLabels: Record<Satisfaction, string> = {
  verySatisfied: 'Very satisfied',
  satisfied: 'Satisfied',
  neither: 'Neither satisfied nor dissatisfied',
  dissatisfied: 'Dissatisfied',
  veryDissatisfied: 'Very dissatisfied',
}

const SATISFACTION_WEIGHT: Record<Satisfaction, number> = {
  verySatisfied: 100,
  satisfied: 75,
  neither: 50,
  dissatisfied: 25,
  veryDissatisfied: 0,
}

/* What a service reports for one period. Money is in pence. */
export type PerformanceFigures = {
  transactions: Record<Channel, number>
  totalTransactions: number
  totalCostPence: number
  /* The cost of each channel where the service knows it, else null. */
  channelCostPence: Record<Channel, number | null>
  satisfaction: Record<Satisfaction, number>
  startedTransactions: number
  completedTransactions: number
}

/* The four indicators; null where the figures cannot give one (nothing to divide by). */
export type Indicators = {
  /* Pence per transaction, to the nearest penny. */
  costPerTransactionPence: number | null
  /* 0 to 100, to one decimal place. */
  satisfactionScore: number | null
  satisfactionResponses: number
  /* Completed ÷ started, 0 to 1. */
  completionRate: number | null
  /* Digital ÷ all transactions, 0 to 1. */
  digitalTakeUp: number | null
}

export const INDICATORS = [
  'costPerTransactionPence',
  'satisfactionScore',
  'completionRate',
  'digitalTakeUp',
] as const
export type Indicator = (typeof INDICATORS)[number]

export const indicatorLabels: Record<Indicator, string> = {
  costPerTransactionPence: 'Cost per transaction',
  satisfactionScore: 'User satisfaction',
  completionRate: 'Completion rate',
  digitalTakeUp: 'Digital take-up',
}

const sum = (values: Iterable<number>) => {
  let total = 0
  for (const value of values) total += value
  return total
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null)

export function indicatorsOf(figures: PerformanceFigures): Indicators {
  const responses = sum(SATISFACTION.map((answer) => figures.satisfaction[answer]))
  const weighted = sum(
    SATISFACTION.map((answer) => figures.satisfaction[answer] * SATISFACTION_WEIGHT[answer])
  )
  const cost = ratio(figures.totalCostPence, figures.totalTransactions)
  const score = ratio(weighted, responses)
  return {
    costPerTransactionPence: cost === null ? null : Math.round(cost),
    satisfactionScore: score === null ? null : Math.round(score * 10) / 10,
    satisfactionResponses: responses,
    completionRate: ratio(figures.completedTransactions, figures.startedTransactions),
    digitalTakeUp: ratio(figures.transactions.digital, figures.totalTransactions),
  }
}

/* ----- Periods ----- */

export const REPORTING_PERIODS = ['monthly', 'quarterly'] as const
export type ReportingPeriod = (typeof REPORTING_PERIODS)[number]

export const reportingPeriodLabels: Record<ReportingPeriod, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly (calendar quarters)',
}

/*
 * A period by its key: `2026-10` for October 2026, `2026-Q4` for October
 * to December 2026. Its start is the first day, as ISO 8601 text.
 */
export type Period = { key: string; start: string; year: number; month: number }

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const pad = (value: number) => String(value).padStart(2, '0')

/* The period starting in this month (1–12); a quarter starts in January, April, July or October. */
function periodAt(kind: ReportingPeriod, year: number, month: number): Period {
  const start = `${year}-${pad(month)}-01`
  if (kind === 'monthly') return { key: `${year}-${pad(month)}`, start, year, month }
  return { key: `${year}-Q${(month - 1) / 3 + 1}`, start, year, month }
}

/* The period a key names for a service reporting this often, or null when it names none. */
export function parsePeriod(kind: ReportingPeriod, key: string): Period | null {
  const match =
    kind === 'monthly' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key) : /^(\d{4})-Q([1-4])$/.exec(key)
  if (!match) return null
  const year = Number(match[1])
  if (year < 2000) return null
  const month = kind === 'monthly' ? Number(match[2]) : (Number(match[2]) - 1) * 3 + 1
  return periodAt(kind, year, month)
}

/* The period a day (ISO 8601) falls in. */
export function periodOf(kind: ReportingPeriod, day: string): Period {
  const year = Number(day.slice(0, 4))
  const month = Number(day.slice(5, 7))
  return periodAt(kind, year, kind === 'monthly' ? month : Math.floor((month - 1) / 3) * 3 + 1)
}

/* The period after this one. */
export function nextPeriod(kind: ReportingPeriod, period: Period): Period {
  const step = kind === 'monthly' ? 1 : 3
  const index = period.year * 12 + period.month - 1 + step
  return periodAt(kind, Math.floor(index / 12), (index % 12) + 1)
}

/* "October 2026", "October to December 2026". */
export function periodLabel(kind: ReportingPeriod, period: Period): string {
  const first = MONTHS[period.month - 1]
  if (kind === 'monthly') return `${first} ${period.year}`
  return `${first} to ${MONTHS[period.month + 1]} ${period.year}`
}

/*
 * Whether a period has started by today (ISO 8601): figures for a period
 * still to come cannot be reported. The period in progress can be, as its
 * figures so far.
 */
export function isFuture(period: Period, today: string): boolean {
  return period.start > today
}

/*
 * The periods missing between the first and the last reported (keys in any
 * order): a gap in a service's figures, flagged on its page.
 */
export function missingPeriods(kind: ReportingPeriod, keys: string[]): Period[] {
  const periods = keys
    .map((key) => parsePeriod(kind, key))
    .filter((period): period is Period => period !== null)
    .sort((a, b) => a.start.localeCompare(b.start))
  if (periods.length < 2) return []
  const have = new Set(periods.map((period) => period.key))
  const missing: Period[] = []
  const last = periods[periods.length - 1]
  for (let at = periods[0]; at.start < last.start; at = nextPeriod(kind, at)) {
    if (!have.has(at.key)) missing.push(at)
  }
  return missing
}

/* The period before this one. */
export function previousPeriod(kind: ReportingPeriod, period: Period): Period {
  const step = kind === 'monthly' ? 1 : 3
  const index = period.year * 12 + period.month - 1 - step
  return periodAt(kind, Math.floor(index / 12), (index % 12) + 1)
}

/*
 * The finished periods a service has not reported since its latest report
 * (its start, ISO 8601, or null for none), oldest first: the last finished
 * period alone when it has never reported.
 */
export function periodsDue(kind: ReportingPeriod, latestStart: string | null, today: string) {
  const lastFinished = previousPeriod(kind, periodOf(kind, today))
  if (latestStart === null) return [lastFinished]
  const due: Period[] = []
  for (
    let at = nextPeriod(kind, periodOf(kind, latestStart));
    at.start <= lastFinished.start;
    at = nextPeriod(kind, at)
  ) {
    due.push(at)
  }
  return due
}

/* ----- Checks ----- */

/* The figures a period's report is checked for outliers on: the total and the four indicators. */
export const OUTLIER_FIGURES = ['totalTransactions', ...INDICATORS] as const
export type OutlierFigure = (typeof OUTLIER_FIGURES)[number]

export const outlierFigureLabels: Record<OutlierFigure, string> = {
  totalTransactions: 'Transactions',
  ...indicatorLabels,
}

export type FigureProblem =
  | { code: 'completed_over_started' }
  | { code: 'channels_not_total'; channels: number }
  | { code: 'channel_costs_over_total'; channelCosts: number }
  | { code: 'channel_costs_not_total'; channelCosts: number }
  | { code: 'outlier_without_note'; figures: OutlierFigure[] }

/*
 * The figures of one period that move more than `factor` times up or down
 * from the previous period's (a figure that was 0 and is no longer counts
 * too). Nothing when there is no previous period.
 */
export function outliers(
  figures: PerformanceFigures,
  previous: PerformanceFigures | null,
  factor: number
): OutlierFigure[] {
  if (!previous) return []
  const now = { totalTransactions: figures.totalTransactions, ...indicatorsOf(figures) }
  const before = { totalTransactions: previous.totalTransactions, ...indicatorsOf(previous) }
  return OUTLIER_FIGURES.filter((figure) => {
    const a = before[figure]
    const b = now[figure]
    if (a === null || b === null || a === b) return false
    if (a === 0 || b === 0) return true
    return b / a > factor || a / b > factor
  })
}

/*
 * What is wrong with a period's figures: completed transactions cannot
 * exceed those started; the channels must add up to the total; costs by
 * channel, where given, cannot exceed the total cost (and must make it up
 * when every channel's is given); a figure that moved more than `factor`
 * times from the previous period needs a note saying why.
 */
export function figureProblems(
  figures: PerformanceFigures,
  context: { previous: PerformanceFigures | null; factor: number; hasNote: boolean }
): FigureProblem[] {
  const problems: FigureProblem[] = []
  if (figures.completedTransactions > figures.startedTransactions) {
    problems.push({ code: 'completed_over_started' })
  }
  const channels = sum(CHANNELS.map((channel) => figures.transactions[channel]))
  if (channels !== figures.totalTransactions)
    problems.push({ code: 'channels_not_total', channels })
  const known = CHANNELS.map((channel) => figures.channelCostPence[channel]).filter(
    (cost): cost is number => cost !== null
  )
  const channelCosts = sum(known)
  if (channelCosts > figures.totalCostPence) {
    problems.push({ code: 'channel_costs_over_total', channelCosts })
  } else if (known.length === CHANNELS.length && channelCosts !== figures.totalCostPence) {
    problems.push({ code: 'channel_costs_not_total', channelCosts })
  }
  if (!context.hasNote) {
    const moved = outliers(figures, context.previous, context.factor)
    if (moved.length) problems.push({ code: 'outlier_without_note', figures: moved })
  }
  return problems
}

/* The middle value (the mean of the middle two for an even count), or null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/* Whether a lower value of the indicator is the better one: only cost per transaction. */
export function lowerIsBetter(indicator: Indicator) {
  return indicator === 'costPerTransactionPence'
}

/* The mean, or null for none. */
export function mean(values: number[]): number | null {
  return values.length ? values.reduce((total, value) => total + value, 0) / values.length : null
}

/*
 * The periods either side of a day (ISO 8601) that a before-and-after
 * compares: the period the day falls in and the `span - 1` before it, then
 * the `span` periods after it. First and last starts, ISO 8601.
 */
export function beforeAndAfterWindow(kind: ReportingPeriod, day: string, span: number) {
  let first = periodOf(kind, day)
  for (let k = 1; k < span; k++) first = previousPeriod(kind, first)
  let last = periodOf(kind, day)
  for (let k = 0; k < span; k++) last = nextPeriod(kind, last)
  return { from: first.start, to: last.start }
}

/*
 * An indicator over the `span` periods up to the one a day (ISO 8601)
 * falls in and over the `span` periods after it: how a service did before
 * and after its Service Manager completed the programme. A missing period
 * is not made up from further away. Null where a side has no figures.
 */
export function beforeAndAfter(
  kind: ReportingPeriod,
  periods: { start: string; indicators: Indicators }[],
  day: string,
  indicator: Indicator,
  span: number
) {
  const { from, to } = beforeAndAfterWindow(kind, day, span)
  const valueOf = (row: { indicators: Indicators }) => row.indicators[indicator]
  const known = (rows: { indicators: Indicators }[]) =>
    rows.map(valueOf).filter((value): value is number => value !== null)
  const within = periods.filter((row) => row.start >= from && row.start <= to)
  return {
    before: mean(known(within.filter((row) => row.start <= day))),
    after: mean(known(within.filter((row) => row.start > day))),
  }
}
