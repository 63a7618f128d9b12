import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/*
 * Another record with the same name, whatever its case, on every database.
 * The query is already narrowed to the table and parent; retired records
 * count, since the name is still theirs and they can be restored.
 */
export async function findNameClash(
  query: DatabaseQueryBuilderContract,
  name: string,
  exceptId?: number
): Promise<{ retired: boolean } | null> {
  query.whereRaw('lower(name) = ?', [name.toLowerCase()]).select('id', 'retired_at')
  if (exceptId !== undefined) query.whereNot('id', exceptId)
  const row = await query.first()
  return row ? { retired: row.retired_at !== null } : null
}
