import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { DateTime } from 'luxon'
import { ancestorIdsOf } from '#queries/identity/organisation_paths'
import { instantFromSql } from '#domain/shared/uk_time'
import {
  COMMITTING_STATUSES,
  SPENDING_STATUSES,
  financialYearBounds,
  remainingPence,
  rollUpToBudgets,
  type BudgetFigures,
  type OrganisationSpend,
} from '#domain/learning/training_budgets'

/*
 * Training budgets and what bookings commit and spend against them (ADR
 * 20), counted from the enrolments themselves when read: sums per
 * organisation and financial year in one SQL query, rolled up to the
 * budgets they count against. Nothing is kept that could drift.
 */

type Subquery = DatabaseQueryBuilderContract<any>

/* A timestamp as the database compares them (UTC). */
const sqlTime = (instant: Date) =>
  DateTime.fromJSDate(instant, { zone: 'utc' }).toFormat('yyyy-MM-dd HH:mm:ss')

/* `case when <column> in year 1 then 2026 when … end`: the financial year of a timestamp. */
function financialYearCase(column: string, years: number[]) {
  const parts: string[] = []
  const bindings: Array<string | number> = []
  for (const year of years) {
    const { start, end } = financialYearBounds(year)
    parts.push(`when ${column} >= ? and ${column} < ? then ?`)
    bindings.push(sqlTime(start), sqlTime(end), year)
  }
  return db.raw(`case ${parts.join(' ')} end as financial_year`, bindings)
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ')

/*
 * What the people of each organisation committed and spent in each of the
 * years, by the date their session starts or their self-paced course was
 * started, in UK time: one query over enrolments and self-paced
 * enrolments. Limited to the organisations the subquery selects, when given.
 */
export async function spendByOrganisation(
  years: number[],
  organisationIds: Subquery | null = null
): Promise<Array<OrganisationSpend & { financialYear: number }>> {
  const wanted = [...new Set(years)].sort((a, b) => a - b)
  if (!wanted.length) return []
  const from = sqlTime(financialYearBounds(wanted[0]).start)
  const to = sqlTime(financialYearBounds(wanted.at(-1)!).end)
  const sessions = db
    .from('enrolments as e')
    .join('course_sessions as cs', 'cs.id', 'e.session_id')
    .where('cs.starts_at', '>=', from)
    .where('cs.starts_at', '<', to)
    .select('e.user_id', 'e.status', 'e.cost_pence', financialYearCase('cs.starts_at', wanted))
  const selfPaced = db
    .from('self_paced_enrolments as s')
    .where('s.started_at', '>=', from)
    .where('s.started_at', '<', to)
    .select('s.user_id', 's.status', 's.cost_pence', financialYearCase('s.started_at', wanted))
  const query = db
    .from(sessions.unionAll(selfPaced).as('b'))
    .join('users as u', 'u.id', 'b.user_id')
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .whereNotNull('b.financial_year')
    .groupBy('u.organisation_id', 'o.path', 'b.financial_year')
    .select('u.organisation_id', 'o.path', 'b.financial_year')
    .select(
      db.raw(
        `coalesce(sum(case when b.status in (${placeholders(COMMITTING_STATUSES)}) then b.cost_pence else 0 end), 0) as committed`,
        [...COMMITTING_STATUSES]
      ),
      db.raw(
        `coalesce(sum(case when b.status in (${placeholders(SPENDING_STATUSES)}) then b.cost_pence else 0 end), 0) as spent`,
        [...SPENDING_STATUSES]
      )
    )
  if (organisationIds) query.whereIn('u.organisation_id', organisationIds)
  const rows = await query
  return rows.map((row) => ({
    id: Number(row.organisation_id),
    ancestorIds: ancestorIdsOf(row.path),
    financialYear: Number(row.financial_year),
    committedPence: Number(row.committed),
    spentPence: Number(row.spent),
  }))
}

export type BudgetRow = {
  organisationId: number
  organisationName: string
  path: string
  financialYear: number
  amountPence: number
}

/* Every budget set for the years, with its organisation: one row per organisation and year at most. */
export async function budgetsFor(years: number[]): Promise<BudgetRow[]> {
  if (!years.length) return []
  const rows = await db
    .from('training_budgets as tb')
    .join('organisations as o', 'o.id', 'tb.organisation_id')
    .whereIn('tb.financial_year', [...new Set(years)])
    .select('tb.organisation_id', 'tb.financial_year', 'tb.amount_pence', 'o.name', 'o.path')
  return rows.map((row) => ({
    organisationId: Number(row.organisation_id),
    organisationName: String(row.name),
    path: String(row.path),
    financialYear: Number(row.financial_year),
    amountPence: Number(row.amount_pence),
  }))
}

const key = (organisationId: number, year: number) => `${organisationId}:${year}`

/* The organisations in the subtrees of the ones given, as a subquery of ids. */
function subtreesOf(organisations: Array<{ id: number; path: string }>) {
  return db
    .from('organisations')
    .select('id')
    .where((where) => {
      if (!organisations.length) where.whereRaw('1 = 0')
      for (const organisation of organisations) {
        where
          .orWhere('id', organisation.id)
          .orWhere('path', 'like', `${organisation.path}${organisation.id}/%`)
      }
    })
}

/* A budget with what is committed and spent against it and what is left. */
export type BudgetStanding = BudgetFigures & {
  organisationId: number
  organisationName: string
  financialYear: number
  amountPence: number | null
  remainingPence: number | null
}

/*
 * One organisation's budget for a year and the bookings counted against
 * it: those of its people and of the organisations below it that have no
 * budget of their own. Without a budget, the same bookings are counted, so
 * HR see what a budget would have to cover.
 */
export async function budgetStanding(
  organisation: { id: number; name: string; path: string },
  year: number
): Promise<BudgetStanding> {
  const [budgets, rows] = await Promise.all([
    budgetsFor([year]),
    spendByOrganisation([year], subtreesOf([organisation])),
  ])
  const budgeted = new Set(budgets.map((budget) => budget.organisationId))
  const own = budgets.find((budget) => budget.organisationId === organisation.id)
  const totals = rollUpToBudgets(rows, (id) => id === organisation.id || budgeted.has(id)).get(
    organisation.id
  ) ?? { committedPence: 0, spentPence: 0 }
  return {
    organisationId: organisation.id,
    organisationName: organisation.name,
    financialYear: year,
    amountPence: own?.amountPence ?? null,
    ...totals,
    remainingPence: own ? remainingPence(own.amountPence, totals) : null,
  }
}

/*
 * The budgets that bookings by people in these organisations count
 * against, each for its year, with their figures: for the approvals page,
 * where each request shows what is left of its learner's budget. Three
 * queries whatever the number of bookings. Keyed by organisation and year;
 * a booking with no budget above it has none.
 */
export async function budgetsOfBookings(
  bookings: Array<{ organisationId: number; path: string; financialYear: number }>
) {
  const years = [...new Set(bookings.map((booking) => booking.financialYear))]
  const budgets = await budgetsFor(years)
  const byKey = new Map(
    budgets.map((budget) => [key(budget.organisationId, budget.financialYear), budget])
  )
  const holderOf = new Map<string, BudgetRow | null>()
  for (const booking of bookings) {
    const chain = [...ancestorIdsOf(booking.path), booking.organisationId].reverse()
    const holder =
      chain
        .map((id) => byKey.get(key(id, booking.financialYear)))
        .find((budget) => budget !== undefined) ?? null
    holderOf.set(key(booking.organisationId, booking.financialYear), holder)
  }
  const holders = [...new Set([...holderOf.values()].filter((holder) => holder !== null))]
  const rows = holders.length
    ? await spendByOrganisation(
        years,
        subtreesOf(holders.map((holder) => ({ id: holder.organisationId, path: holder.path })))
      )
    : []
  const standings = new Map<string, BudgetStanding>()
  for (const year of years) {
    const totals = rollUpToBudgets(
      rows.filter((row) => row.financialYear === year),
      (id) => byKey.has(key(id, year))
    )
    for (const holder of holders.filter((budget) => budget.financialYear === year)) {
      const figures = totals.get(holder.organisationId) ?? { committedPence: 0, spentPence: 0 }
      standings.set(key(holder.organisationId, year), {
        organisationId: holder.organisationId,
        organisationName: holder.organisationName,
        financialYear: year,
        amountPence: holder.amountPence,
        ...figures,
        remainingPence: remainingPence(holder.amountPence, figures),
      })
    }
  }
  return (organisationId: number, year: number): BudgetStanding | null => {
    const holder = holderOf.get(key(organisationId, year))
    return holder ? (standings.get(key(holder.organisationId, year)) ?? null) : null
  }
}

/* The figures of bookings counted against no budget shown: none above them, or one outside the view. */
export type UnbudgetedFigures = BudgetFigures

export type BudgetsOverview = {
  financialYear: number
  budgets: BudgetStanding[]
  unbudgeted: UnbudgetedFigures
  total: BudgetFigures & { amountPence: number; remainingPence: number }
}

/*
 * Every budget set for the year in the organisation's tree (or across
 * government), with what is committed, spent and left of each, and the
 * bookings of the tree that no budget there covers. Two queries.
 */
export async function budgetsOverview(
  selected: { id: number; path: string } | null,
  year: number
): Promise<BudgetsOverview> {
  const [budgets, rows] = await Promise.all([
    budgetsFor([year]),
    spendByOrganisation([year], selected ? subtreesOf([selected]) : null),
  ])
  const inView = (budget: BudgetRow) =>
    !selected ||
    budget.organisationId === selected.id ||
    budget.path.startsWith(`${selected.path}${selected.id}/`)
  const shown = budgets.filter(inView)
  const shownIds = new Set(shown.map((budget) => budget.organisationId))
  const budgeted = new Set(budgets.map((budget) => budget.organisationId))
  const totals = rollUpToBudgets(rows, (id) => budgeted.has(id))
  const unbudgeted = { committedPence: 0, spentPence: 0 }
  for (const [holder, figures] of totals) {
    if (holder !== null && shownIds.has(holder)) continue
    unbudgeted.committedPence += figures.committedPence
    unbudgeted.spentPence += figures.spentPence
  }
  const standings = shown
    .map((budget): BudgetStanding => {
      const figures = totals.get(budget.organisationId) ?? { committedPence: 0, spentPence: 0 }
      return {
        organisationId: budget.organisationId,
        organisationName: budget.organisationName,
        financialYear: year,
        amountPence: budget.amountPence,
        ...figures,
        remainingPence: remainingPence(budget.amountPence, figures),
      }
    })
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'en-GB'))
  const sum = (pick: (standing: BudgetStanding) => number) =>
    standings.reduce((total, standing) => total + pick(standing), 0)
  const amountPence = sum((standing) => standing.amountPence ?? 0)
  const committedPence = sum((standing) => standing.committedPence)
  const spentPence = sum((standing) => standing.spentPence)
  return {
    financialYear: year,
    budgets: standings,
    unbudgeted,
    total: {
      amountPence,
      committedPence,
      spentPence,
      remainingPence: amountPence - committedPence - spentPence,
    },
  }
}

export type BudgetChange = {
  at: DateTime
  by: string | null
  fromPence: number | null
  toPence: number | null
}

/* A budget's amount as one side of an audit event holds it, or null when that side has none. */
function amountIn(json: unknown): number | null {
  if (typeof json !== 'string') return null
  const value = (JSON.parse(json) as Record<string, unknown>).amountPence
  return value === undefined || value === null ? null : Number(value)
}

/*
 * The history of a budget's amount from the audit trail, newest first:
 * who set it from what to what, and when. The trail is the history; the
 * budget keeps only its amount now.
 */
export async function budgetHistory(budgetId: number): Promise<BudgetChange[]> {
  const rows = await db
    .from('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .where('a.subject_type', 'training_budget')
    .where('a.subject_id', String(budgetId))
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .select('a.before', 'a.after', 'a.created_at', 'u.full_name')
  return rows
    .map((row) => ({
      at: instantFromSql(row.created_at)!,
      by: (row.full_name as string | null) ?? null,
      fromPence: amountIn(row.before),
      toPence: amountIn(row.after),
    }))
    .filter((change) => change.toPence !== null || change.fromPence !== null)
}
