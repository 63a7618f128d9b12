import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/*
 * The other rows with the same name, whatever its case, on every database.
 * The query is already narrowed to the table and parent.
 */
function sameName(query: DatabaseQueryBuilderContract, name: string, exceptId?: number) {
  query.whereRaw('lower(name) = ?', [name.toLowerCase()])
  if (exceptId !== undefined) query.whereNot('id', exceptId)
  return query
}

/*
 * Another record with the same name, and whether it is retired: retired
 * records count, since the name is still theirs and they can be restored.
 */
export async function findNameClash(
  query: DatabaseQueryBuilderContract,
  name: string,
  exceptId?: number
): Promise<{ retired: boolean } | null> {
  const row = await sameName(query, name, exceptId).select('id', 'retired_at').first()
  return row ? { retired: row.retired_at !== null } : null
}

/* Whether another row has this name, ignoring case. */
export async function nameTaken(
  query: DatabaseQueryBuilderContract,
  name: string,
  exceptId?: number
) {
  return Boolean(await sameName(query, name, exceptId).select('id').first())
}
