import db from '@adonisjs/lucid/services/db'
import type { OrganisationScope } from '#services/organisation_scope'
import { budgetsOfBookings } from '#queries/learning/training_budgets_query'

export const BUDGETS_PAGE_SIZE = 50

/*
 * The organisations in a scope, a page at a time in name order, each with
 * its training budget for the year (or none) and what is committed, spent
 * and left of it. Four queries a page, whatever its length.
 */
export async function organisationBudgets(scope: OrganisationScope, year: number, page = 1) {
  const result = await scope
    .apply(
      db
        .from('organisations as o')
        .leftJoin('training_budgets as tb', (join) =>
          join.on('tb.organisation_id', 'o.id').andOnVal('tb.financial_year', year)
        )
        .whereNull('o.retired_at'),
      'o.id'
    )
    .select('o.id', 'o.name', 'o.path', 'tb.amount_pence')
    .orderBy('o.name')
    .orderBy('o.id')
    .paginate(page, BUDGETS_PAGE_SIZE)
  const rows = result.all().map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    path: String(row.path),
    amountPence: row.amount_pence === null ? null : Number(row.amount_pence),
  }))
  const standingOf = await budgetsOfBookings(
    rows
      .filter((row) => row.amountPence !== null)
      .map((row) => ({ organisationId: row.id, path: row.path, financialYear: year }))
  )
  return {
    rows: rows.map((row) => ({
      ...row,
      standing: row.amountPence === null ? null : standingOf(row.id, year),
    })),
    meta: result.getMeta() as { total: number; currentPage: number; lastPage: number },
  }
}
