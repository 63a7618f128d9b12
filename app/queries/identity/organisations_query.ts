import db from '@adonisjs/lucid/services/db'
import Organisation from '#models/organisation'
import Team from '#models/team'
import type { OrganisationScope } from '#services/organisation_scope'
import type { OrganisationType } from '#enums/organisation_types'

export type OrganisationTreeRow = {
  id: number
  code: string
  name: string
  type: OrganisationType
  parentId: number | null
  parentName: string | null
  isTransactional: boolean
  isRetired: boolean
  peopleCount: number
  teamCount: number
  /* Nesting below the top of what this user can see (0 = top). */
  level: number
}

type TreeNode = { id: number; parentId: number | null; name: string }

/*
 * Puts organisations in the order a tree reads: each one followed by its
 * children, siblings by name. The top is whatever has no parent in the set,
 * so a department HR's own organisation starts their tree.
 */
export function inTreeOrder<T extends TreeNode>(rows: T[]): (T & { level: number })[] {
  const ids = new Set(rows.map((row) => row.id))
  const children = new Map<number | null, T[]>()
  for (const row of rows) {
    const key = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null
    children.set(key, [...(children.get(key) ?? []), row])
  }
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'en-GB')
  const ordered: (T & { level: number })[] = []
  const visit = (parentId: number | null, level: number) => {
    for (const row of (children.get(parentId) ?? []).sort(byName)) {
      ordered.push({ ...row, level })
      visit(row.id, level + 1)
    }
  }
  visit(null, 0)
  return ordered
}

/* Active people working directly in the organisation aliased "o". */
function peopleCount() {
  return db
    .from('users')
    .whereColumn('users.organisation_id', 'o.id')
    .whereNull('users.deactivated_at')
    .count('*')
}

/* Delivery teams of the organisation aliased "o". */
function teamCount() {
  return db.from('teams').whereColumn('teams.organisation_id', 'o.id').count('*')
}

/*
 * The organisations a user may see (`o`), each with its parent's name and
 * its people and team counts, in one query (indexed count subqueries, run
 * only for the organisations in scope).
 */
export function organisationsWithCounts(scope: OrganisationScope) {
  return scope
    .apply(db.from('organisations as o'), 'o.id')
    .leftJoin('organisations as parent', 'parent.id', 'o.parent_id')
    .select(
      'o.id',
      'o.code',
      'o.name',
      'o.type',
      'o.parent_id',
      'o.is_transactional',
      'o.retired_at',
      'parent.name as parent_name'
    )
    .select(peopleCount().as('people_total'), teamCount().as('team_total'))
}

/* The organisation tree a user may see, with people and team counts per organisation. */
export async function organisationTree(scope: OrganisationScope): Promise<OrganisationTreeRow[]> {
  const rows = await organisationsWithCounts(scope)

  return inTreeOrder(
    rows.map((row: any) => ({
      id: Number(row.id),
      code: row.code,
      name: row.name,
      type: row.type,
      parentId: row.parent_id === null ? null : Number(row.parent_id),
      parentName: row.parent_name ?? null,
      isTransactional: Boolean(row.is_transactional),
      isRetired: row.retired_at !== null,
      peopleCount: Number(row.people_total ?? 0),
      teamCount: Number(row.team_total ?? 0),
    }))
  )
}

/*
 * Organisations in the scope as select options, indented to show the tree.
 * `except` leaves out an organisation and its subtree (it cannot become
 * part of itself).
 */
export async function organisationChoices(scope: OrganisationScope, except?: Organisation) {
  const query = scope.apply(db.from('organisations'), 'id').select('id', 'name', 'parent_id')
  if (except) {
    query.whereNot('id', except.id).whereNot('path', 'like', `${except.childPath}%`)
  }
  const rows = await query
  return inTreeOrder(
    rows.map((row: any) => ({
      id: Number(row.id),
      name: String(row.name),
      parentId: row.parent_id === null ? null : Number(row.parent_id),
    }))
  ).map((row) => ({ value: row.id, label: `${'— '.repeat(row.level)}${row.name}` }))
}

/* One organisation, only when it lies in the scope; null reads as "not found". */
export async function findOrganisationInScope(scope: OrganisationScope, id: unknown) {
  const key = Number(id)
  if (!Number.isSafeInteger(key) || key < 1) return null
  return scope.apply(Organisation.query().where('id', key), 'id').first()
}

/* One delivery team, only when its organisation lies in the scope. */
export async function findTeamInScope(scope: OrganisationScope, id: unknown) {
  const key = Number(id)
  if (!Number.isSafeInteger(key) || key < 1) return null
  return scope
    .apply(Team.query().where('id', key), 'organisation_id')
    .preload('organisation')
    .first()
}

/*
 * What the organisation page shows beside the record: its parent, its
 * children with their counts, and its teams with how many people are in each.
 */
export async function organisationDetail(organisation: Organisation) {
  const [parent, children, teams, people] = await Promise.all([
    organisation.parentId
      ? db.from('organisations').where('id', organisation.parentId).select('id', 'name').first()
      : null,
    db
      .from('organisations as o')
      .where('o.parent_id', organisation.id)
      .select('o.id', 'o.name', 'o.type', 'o.is_transactional')
      .select(peopleCount().as('people_total'))
      .orderBy('o.name'),
    db
      .from('teams as t')
      .where('t.organisation_id', organisation.id)
      .select('t.id', 't.name', 't.location')
      .select(db.from('users').whereColumn('users.team_id', 't.id').count('*').as('member_total'))
      .orderBy('t.name'),
    db
      .from('users')
      .where('organisation_id', organisation.id)
      .whereNull('deactivated_at')
      .count('* as total')
      .first(),
  ])

  return {
    parent: parent ? { id: Number(parent.id), name: String(parent.name) } : null,
    children: children.map((row: any) => ({
      id: Number(row.id),
      name: String(row.name),
      type: row.type as OrganisationType,
      isTransactional: Boolean(row.is_transactional),
      peopleCount: Number(row.people_total ?? 0),
    })),
    teams: teams.map((row: any) => ({
      id: Number(row.id),
      name: String(row.name),
      location: row.location as string | null,
      memberCount: Number(row.member_total ?? 0),
    })),
    peopleCount: Number(people?.total ?? 0),
  }
}
