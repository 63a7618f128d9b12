import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/* A list in parts of at most `size` items, in order: statements and transactions of a bounded size. */
export function inParts<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/* Multi-row inserts, cut to what SQLite takes in one statement (500 rows at most). */
export async function insertAll(
  client: Pick<TransactionClientContract, 'table'>,
  table: string,
  rows: Array<Record<string, unknown>>
) {
  for (const part of inParts(rows, 400)) await client.table(table).multiInsert(part)
}
