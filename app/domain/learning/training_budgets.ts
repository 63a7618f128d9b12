/*
 * Training budgets (ADR 20): which organisation's budget a booking counts
 * against, in which financial year, and whether it commits, spends or
 * releases its cost. Pure: no framework imports. The queries count the
 * figures in SQL with these lists and roll the per-organisation sums up
 * to the budgets here.
 */
import { DateTime } from 'luxon'
import { UK_ZONE } from '../shared/uk_time.js'
import type { EnrolmentStatus, SelfPacedStatus } from '../../enums/learning.js'

/* The earliest and latest financial years a budget may be set for. */
export const FIRST_FINANCIAL_YEAR = 2010
export const LAST_FINANCIAL_YEAR = 2100

/* A budget's largest amount: £10 billion, in pence. */
export const MAX_BUDGET_PENCE = 1_000_000_000_000

/*
 * What a booking does to a budget, by its status:
 * - committed: a request awaiting approval, a seat, or a self-paced course
 *   under way: money the organisation has promised, or may soon;
 * - spent: the session happened (attended, completed, and also did not
 *   attend, as providers charge for an empty seat), or a self-paced course
 *   was completed;
 * - released (nothing): declined, cancelled or withdrawn; and a waiting-list
 *   place, which holds no seat, commits nothing until it becomes one.
 */
export type BudgetEffect = 'committed' | 'spent' | 'released'

export const COMMITTING_STATUSES = ['requested', 'booked', 'in_progress'] as const satisfies Array<
  EnrolmentStatus | SelfPacedStatus
>
export const SPENDING_STATUSES = ['attended', 'no_show', 'completed'] as const satisfies Array<
  EnrolmentStatus | SelfPacedStatus
>

export function budgetEffect(status: EnrolmentStatus | SelfPacedStatus): BudgetEffect {
  if ((COMMITTING_STATUSES as readonly string[]).includes(status)) return 'committed'
  if ((SPENDING_STATUSES as readonly string[]).includes(status)) return 'spent'
  return 'released'
}

/* The financial year (by the year it starts) an instant falls in, by the day it is in the UK. */
export function financialYearOf(instant: Date | DateTime): number {
  const time = DateTime.isDateTime(instant) ? instant : DateTime.fromJSDate(instant)
  const day = time.setZone(UK_ZONE)
  return day.month >= 4 ? day.year : day.year - 1
}

/* "2026 to 2027": the financial year starting in April 2026, as pages and files name it. */
export function financialYearName(year: number) {
  return `${year} to ${year + 1}`
}

/* The instants a financial year runs between: 1 April 00:00 UK time, and the next 1 April's. */
export function financialYearBounds(year: number): { start: Date; end: Date } {
  const start = DateTime.fromObject({ year, month: 4, day: 1 }, { zone: UK_ZONE })
  return { start: start.toJSDate(), end: start.plus({ years: 1 }).toJSDate() }
}

/* The financial year a person means by "2026", "2026 to 2027" or "2026-27"; null for anything else. */
export function parseFinancialYear(text: unknown): number | null {
  const value = String(text ?? '').trim()
  const match = /^(\d{4})(?:\s*(?:to|-|–)\s*(\d{2}|\d{4}))?$/.exec(value)
  if (!match) return null
  const year = Number(match[1])
  if (match[2]) {
    const next = Number(match[2])
    const expected = match[2].length === 2 ? (year + 1) % 100 : year + 1
    if (next !== expected) return null
  }
  if (year < FIRST_FINANCIAL_YEAR || year > LAST_FINANCIAL_YEAR) return null
  return year
}

/* An organisation as the budget rules need it: its id and its ancestors' ids, root first. */
export type PlacedOrganisation = { id: number; ancestorIds: number[] }

/*
 * The organisation whose budget a booking by someone in this organisation
 * counts against: the organisation itself when it has a budget for the
 * year, else its nearest ancestor that has one; null when none has. A
 * department's budget so covers its agencies and directorates until one
 * of them is given its own.
 */
export function budgetHolderOf(
  organisation: PlacedOrganisation,
  hasBudget: (organisationId: number) => boolean
): number | null {
  const chain = [...organisation.ancestorIds, organisation.id]
  for (let at = chain.length - 1; at >= 0; at -= 1) {
    if (hasBudget(chain[at])) return chain[at]
  }
  return null
}

/* What one organisation's people committed and spent in a year, as the SQL counts it. */
export type OrganisationSpend = PlacedOrganisation & { committedPence: number; spentPence: number }

export type BudgetFigures = {
  committedPence: number
  spentPence: number
}

/*
 * Adds each organisation's committed and spent sums to the budget they
 * count against. Sums whose organisation has no budget above it are
 * added under null.
 */
export function rollUpToBudgets(
  rows: OrganisationSpend[],
  hasBudget: (organisationId: number) => boolean
): Map<number | null, BudgetFigures> {
  const totals = new Map<number | null, BudgetFigures>()
  for (const row of rows) {
    const holder = budgetHolderOf(row, hasBudget)
    const sums = totals.get(holder) ?? { committedPence: 0, spentPence: 0 }
    sums.committedPence += row.committedPence
    sums.spentPence += row.spentPence
    totals.set(holder, sums)
  }
  return totals
}

/* What is left of a budget once committed and spent money is taken off: below 0 when over. */
export function remainingPence(amountPence: number, figures: BudgetFigures) {
  return amountPence - figures.committedPence - figures.spentPence
}

/*
 * Whether approving a request takes the budget over. A request already
 * commits its cost, so the figures include it: approving changes nothing
 * in the sum, and the line manager is warned when the budget is over with
 * it. A warning, never a refusal: mandatory training must not wait on a
 * budget, and the budget holder, not the line manager, moves money.
 */
export function overBudget(amountPence: number, figures: BudgetFigures) {
  return remainingPence(amountPence, figures) < 0
}
