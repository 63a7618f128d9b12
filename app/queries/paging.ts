import db from '@adonisjs/lucid/services/db'
import { SimplePaginator } from '@adonisjs/lucid/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/* The name of the window count each row of a page carries. */
const TOTAL = 'page_total'

/*
 * A page of a list read as plain rows, with the number of rows in the
 * whole list counted by a window (`count(*) over ()`) in the same query,
 * so a list costs one query, not a count and then a page. Only a page past
 * the end, which holds no row to carry the count, counts again. Gives the
 * same paginator (and `getMeta()`) as Lucid's `paginate`.
 */
export async function pageOfRows<Row extends Record<string, unknown>>(
  query: DatabaseQueryBuilderContract<any>,
  page: number,
  perPage: number
) {
  const counting = page > 1 ? query.clone() : null
  const rows: Array<Row & { [TOTAL]: unknown }> = await query
    .select(db.raw(`count(*) over () as ${TOTAL}`))
    .forPage(page, perPage)
  let total = rows.length ? Number(rows[0][TOTAL]) : 0
  if (!rows.length && counting) {
    const [counted] = await db
      .from(counting.clearSelect().clearOrder().select(db.raw('1 as one')).as('listed'))
      .count('* as total')
    total = Number(counted.total)
  }
  return new SimplePaginator(total, perPage, page, ...(rows as Row[]))
}
