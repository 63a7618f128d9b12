import db from '@adonisjs/lucid/services/db'
import { ancestorIdsOf } from '#queries/identity/organisation_paths'

/* The organisation a dashboard looks at, with its subtree; null means all of government. */
export type SelectedOrganisation = { id: number; name: string; path: string }

/* One line of a breakdown by organisation: a department, or an organisation under the selected one. */
export type OrganisationGroup = {
  id: number
  name: string
  /* True for the selected organisation's own line: people or records directly in it. */
  direct: boolean
}

/*
 * The organisation a figure is counted under in a breakdown: for all of
 * government, the department at the top of its tree; for a selected
 * organisation, the organisation directly under it that contains it (or
 * the selected organisation itself, for what sits directly in it).
 */
export function groupIdOf(organisationId: number, path: string, selectedId: number | null) {
  const chain = [...ancestorIdsOf(path), organisationId]
  if (selectedId === null) return chain[0]
  const at = chain.indexOf(selectedId)
  if (at === -1) return organisationId
  return chain[at + 1] ?? selectedId
}

/*
 * Adds up per-organisation rows into the groups of a breakdown. Each row
 * carries its organisation's id and path; the figures named are summed.
 */
export function rollUp<K extends string>(
  rows: Array<{ organisationId: number; path: string } & Record<K, number>>,
  keys: readonly K[],
  selectedId: number | null
) {
  const groups = new Map<number, Record<K, number>>()
  for (const row of rows) {
    const id = groupIdOf(row.organisationId, row.path, selectedId)
    const sums =
      groups.get(id) ?? (Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>)
    for (const key of keys) sums[key] += row[key]
    groups.set(id, sums)
  }
  return groups
}

/*
 * Names the groups of a breakdown, in the order a reader expects: the
 * selected organisation's own line first, then the others by name.
 */
export async function namedGroups<T>(
  sums: Map<number, T>,
  selected: SelectedOrganisation | null
): Promise<Array<OrganisationGroup & T>> {
  const ids = [...sums.keys()]
  if (ids.length === 0) return []
  const rows = await db.from('organisations').whereIn('id', ids).select('id', 'name')
  const names = new Map(rows.map((row) => [Number(row.id), String(row.name)]))
  const groups = ids.map((id) => {
    const direct = selected !== null && id === selected.id
    const name = names.get(id) ?? `Organisation ${id}`
    return { id, name: direct ? `${name} (directly)` : name, direct, ...sums.get(id)! }
  })
  return groups.sort(
    (a, b) => Number(b.direct) - Number(a.direct) || a.name.localeCompare(b.name, 'en-GB')
  )
}

/* The ids of the selected organisation and everything under it, as a subquery. */
export function subtreeOf(selected: SelectedOrganisation) {
  return db
    .from('organisations')
    .where((where) =>
      where.where('id', selected.id).orWhere('path', 'like', `${selected.path}${selected.id}/%`)
    )
    .select('id')
}

/* A share as a percentage with one decimal, or null when there is nothing to share. */
export function percent(part: number, whole: number) {
  if (whole <= 0) return null
  return Math.round((part / whole) * 1000) / 10
}
