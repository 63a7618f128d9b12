import type { FieldErrors } from '#start/http_context'
import type { FieldProblem } from '#services/api'
import type Service from '#models/service'
import type { ReportPerformanceResult } from '#actions/workforce/report_service_performance'
import {
  outlierFigureLabels,
  periodLabel,
  periodOf,
  type FigureProblem,
} from '#domain/workforce/service_performance'

/*
 * What a service's performance report is told, on its form and through
 * the API: the same words, under the form's field or the body's (money is
 * in pounds on the form, in pence in the API).
 */

const number = (value: number) => value.toLocaleString('en-GB')
const pounds = (pence: number) =>
  `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 ? 2 : 0, maximumFractionDigits: 2 })}`

/* A list read as a sentence: "a, b and c". */
function listed(items: string[]) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

function problemError(problem: FigureProblem, money: 'pounds' | 'pence'): Record<string, string> {
  const totalCost = money === 'pounds' ? 'totalCost' : 'totalCostPence'
  switch (problem.code) {
    case 'completed_over_started':
      return {
        completedTransactions: 'Transactions completed cannot be more than transactions started',
      }
    case 'channels_not_total':
      return {
        totalTransactions: `The channels add up to ${number(problem.channels)} transactions: make the total the same, or correct a channel`,
      }
    case 'channel_costs_over_total':
      return {
        [totalCost]: `The costs by channel add up to ${pounds(problem.channelCosts)}, more than the total cost`,
      }
    case 'channel_costs_not_total':
      return {
        [totalCost]: `The costs of every channel add up to ${pounds(problem.channelCosts)}: make the total cost the same`,
      }
    case 'outlier_without_note':
      return {
        notes: `${listed(problem.figures.map((figure) => outlierFigureLabels[figure]))} moved more than the usual amount from the previous period: add a note saying why`,
      }
    default: {
      const unreachable: never = problem
      return unreachable
    }
  }
}

type Refusal = Exclude<ReportPerformanceResult, { type: 'saved' | 'no_such_period' }>

/* Why a report was refused: each field at fault, its message, and the rule it broke. */
export function performanceProblems(result: Refusal, money: 'pounds' | 'pence'): FieldProblem[] {
  switch (result.type) {
    case 'future_period':
      return [
        {
          field: 'period',
          message: 'You can only report figures for a period that has started',
          rule: result.type,
        },
      ]
    case 'reported_at_once':
      return [
        {
          field: 'period',
          message: 'Someone reported this period at the same time: check the figures and try again',
          rule: result.type,
        },
      ]
    case 'figures_wrong':
      return result.problems.flatMap((problem) =>
        Object.entries(problemError(problem, money)).map(([field, message]) => ({
          field,
          message,
          rule: problem.code,
        }))
      )
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

/* The messages under the form's fields at fault of a refused report. */
export function performanceFieldErrors(result: Refusal): FieldErrors {
  return Object.fromEntries(
    performanceProblems(result, 'pounds').map((problem) => [problem.field, problem.message])
  )
}

/* The success banner of a saved report. */
export function performanceSavedMessage(
  result: Extract<ReportPerformanceResult, { type: 'saved' }>,
  service: Service
) {
  const kind = service.reportingPeriod
  const label = periodLabel(kind, periodOf(kind, result.report.periodStart.toISODate()!))
  if (result.created) return `Figures for ${label} added to ${service.name}`
  return result.changed
    ? `Figures for ${label} corrected for ${service.name}`
    : `Figures for ${label} unchanged for ${service.name}`
}
