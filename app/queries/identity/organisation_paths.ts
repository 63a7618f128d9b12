import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/* Ids of an organisation's ancestors from its path ("/1/7/"), root first (ADR 2). */
export function ancestorIdsOf(path: unknown): number[] {
  return String(path).split('/').filter(Boolean).map(Number)
}

/* The id of an organisation's department: the first id of its path, or its own when it is one. */
export function departmentIdOf(id: unknown, path: unknown) {
  return ancestorIdsOf(path)[0] ?? Number(id)
}

/* An organisation's id and path, or null when there is none. */
export function organisationPath(
  organisationId: number,
  client: QueryClientContract = db.connection()
) {
  return client.from('organisations').where('id', organisationId).select('id', 'path').first()
}
