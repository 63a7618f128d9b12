import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import AuditEvent from '#models/audit_event'
import type { OrganisationScope } from '#services/organisation_scope'
import { roleValues, type Role } from '#enums/roles'
import { whereAccountStatus } from '#queries/identity/account_status_query'
import { accountStatusValues, type AccountStatus } from '#domain/identity/password_links'
import { ancestorIdsOf } from '#queries/identity/organisation_paths'

export type PeopleFilters = {
  q?: string
  organisationId?: number
  role?: Role
  status?: 'active' | 'deactivated'
  /* Where they stand with getting in: invited, never signed in… */
  account?: AccountStatus
  sort?: 'name' | 'email' | 'organisation' | 'last_signed_in'
  direction?: 'asc' | 'desc'
  page?: number
}

const SORTS = {
  name: 'users.full_name',
  email: 'users.email',
  organisation: 'organisations.name',
  last_signed_in: 'users.last_signed_in_at',
} as const

/* Reads the people list's filters from a query string, ignoring anything unknown. */
export function peopleFilters(qs: Record<string, unknown>): PeopleFilters {
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim().slice(0, 100) : undefined
  const organisationId = Number.parseInt(String(qs.organisationId ?? ''), 10)
  const page = Number.parseInt(String(qs.page ?? '1'), 10)
  return {
    q: text(qs.q),
    organisationId:
      Number.isFinite(organisationId) && organisationId > 0 ? organisationId : undefined,
    role: roleValues.includes(qs.role as Role) ? (qs.role as Role) : undefined,
    status: qs.status === 'active' || qs.status === 'deactivated' ? qs.status : undefined,
    account: accountStatusValues.includes(qs.account as AccountStatus)
      ? (qs.account as AccountStatus)
      : undefined,
    sort: (Object.keys(SORTS) as string[]).includes(String(qs.sort))
      ? (qs.sort as PeopleFilters['sort'])
      : 'name',
    direction: qs.direction === 'desc' ? 'desc' : 'asc',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  }
}

/*
 * The people an administrator may manage, filtered, sorted and paged in SQL.
 */
export function searchPeople(scope: OrganisationScope, filters: PeopleFilters, perPage = 25) {
  const query = User.query()
    .join('organisations', 'organisations.id', 'users.organisation_id')
    .select('users.*')
    .select('organisations.name as organisation_name')
    .preload('roles')
  scope.apply(query, 'users.organisation_id')
  applyPeopleFilters(query, filters)

  query
    .orderBy(SORTS[filters.sort ?? 'name'], filters.direction ?? 'asc')
    .orderBy('users.id', 'asc')
  return query.paginate(filters.page ?? 1, perPage)
}

/* The list's column to sort by, as SQL; the people export orders its rows the same way. */
export function peopleSortColumn(filters: PeopleFilters) {
  return SORTS[filters.sort ?? 'name']
}

/* The search, organisation, role, status and account filters, on any query over users. */
export function applyPeopleFilters<Q extends { where: (...args: any[]) => any }>(
  query: Q,
  filters: PeopleFilters
): Q {
  const builder = query as any
  if (filters.q) {
    const term = `%${filters.q.toLowerCase()}%`
    builder.where((where: any) => {
      where
        .whereRaw('lower(users.full_name) like ?', [term])
        .orWhereRaw('lower(users.email) like ?', [term])
    })
  }
  if (filters.organisationId) builder.where('users.organisation_id', filters.organisationId)
  if (filters.role) {
    builder.whereIn('users.id', db.from('user_roles').select('user_id').where('role', filters.role))
  }
  if (filters.status === 'active') builder.whereNull('users.deactivated_at')
  if (filters.status === 'deactivated') builder.whereNotNull('users.deactivated_at')
  if (filters.account) whereAccountStatus(builder, filters.account)
  return query
}

/* Organisations an administrator may put people in, in tree order, for select boxes. */
export async function organisationOptions(scope: OrganisationScope) {
  const query = db
    .from('organisations')
    .select('id', 'name', 'depth', 'path')
    .whereNull('retired_at')
  if (!scope.everything) query.whereIn('id', scope.organisationIdsQuery())
  const rows = await query.orderBy('name')
  return sortAsTree(rows).map((row) => ({
    value: row.id,
    label: `${'— '.repeat(row.depth)}${row.name}`,
  }))
}

/* Teams in scope, labelled with their organisation, for select boxes. */
export async function teamOptions(scope: OrganisationScope) {
  const query = db
    .from('teams')
    .join('organisations', 'organisations.id', 'teams.organisation_id')
    .select('teams.id', 'teams.name', 'organisations.name as organisation_name')
  scope.apply(query, 'teams.organisation_id')
  const rows = await query.orderBy('organisations.name').orderBy('teams.name')
  return rows.map((row) => ({ value: row.id, label: `${row.organisation_name}: ${row.name}` }))
}

type TreeRow = { id: number; name: string; depth: number; path: string }

/* Orders organisations so each is followed by its descendants. */
export function sortAsTree<T extends TreeRow>(rows: T[]): T[] {
  const children = new Map<string, T[]>()
  for (const row of rows) {
    const list = children.get(row.path) ?? []
    list.push(row)
    children.set(row.path, list)
  }
  const ids = new Set(rows.map((row) => row.id))
  const roots = rows.filter((row) => {
    const parentId = Number(ancestorIdsOf(row.path).pop())
    return !parentId || !ids.has(parentId)
  })
  const out: T[] = []
  const visit = (row: T) => {
    out.push(row)
    for (const child of children.get(`${row.path}${row.id}/`) ?? []) visit(child)
  }
  for (const root of roots) visit(root)
  return out
}

/* A person's direct reports, and the last ten changes to their record, for their page. */
export async function reportsAndHistory(personId: number) {
  const [reports, history] = await Promise.all([
    User.query()
      .where('line_manager_id', personId)
      .orderBy('full_name')
      .select('id', 'full_name', 'email'),
    AuditEvent.query()
      .where('subject_type', 'user')
      .where('subject_id', String(personId))
      .preload('actor')
      .orderBy('id', 'desc')
      .limit(10),
  ])
  return { reports, history }
}
