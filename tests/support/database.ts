import db from '@adonisjs/lucid/services/db'

/* How many rows a query finds, counted in the database. */
export async function countOf(query: ReturnType<typeof db.from>) {
  const row = await query.count('* as total').first()
  return Number(row.total)
}

/* How many rows a table holds now. */
export function rowCount(table: string) {
  return countOf(db.from(table))
}
