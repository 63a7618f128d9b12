import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { OrganisationScope } from '#services/organisation_scope'
import { latestAssessments } from '#queries/capability/skill_evidence_query'

/* Whose skills a matrix shows: a line manager's direct reports, or everyone in an HR scope. */
export type TeamAudience =
  { kind: 'reports'; managerId: number } | { kind: 'scope'; scope: OrganisationScope }

export type TeamFilters = {
  /* An organisation within the audience, with its subtree. */
  organisation?: { id: number; path: string }
  roleLevelId?: number
  teamId?: number
  page?: number
}

export const TEAM_PAGE_SIZE = 50

/* The SQL for the level that counts: validated, else self-assessed, else none (0). */
export const CURRENT_LEVEL = 'coalesce(m.level, s.level, 0)'

/*
 * Active people with a current role level, restricted to the audience and
 * filters. Joins `users`, `ra` (the current assignment) and `rl` (its level).
 */
export function teamPeople(
  audience: TeamAudience,
  filters: TeamFilters,
  client: QueryClientContract = db.connection()
) {
  const query = client
    .from('users')
    .join('role_assignments as ra', (join) =>
      join.on('ra.user_id', 'users.id').andOnVal('ra.active_kind', 'current')
    )
    .join('role_levels as rl', 'rl.id', 'ra.role_level_id')
    .whereNull('users.deactivated_at')
  if (audience.kind === 'reports') {
    query.where('users.line_manager_id', audience.managerId)
  } else {
    audience.scope.apply(query, 'users.organisation_id')
  }
  if (filters.organisation) {
    const { id, path } = filters.organisation
    query.whereIn(
      'users.organisation_id',
      client
        .from('organisations')
        .where((where) => where.where('id', id).orWhere('path', 'like', `${path}${id}/%`))
        .select('id')
    )
  }
  if (filters.roleLevelId) query.where('ra.role_level_id', filters.roleLevelId)
  if (filters.teamId) query.where('users.team_id', filters.teamId)
  return query
}

/*
 * One row per person and skill their current role level needs, with the
 * required level and the latest validated and self-assessed levels:
 * adds `rr` (requirement), `sk` (skill), `m` (manager) and `s` (self).
 */
export function withRequirements(
  people: DatabaseQueryBuilderContract<any>,
  client: QueryClientContract = db.connection()
) {
  return people
    .join('role_requirements as rr', 'rr.role_level_id', 'ra.role_level_id')
    .join('skills as sk', 'sk.id', 'rr.skill_id')
    .whereNull('sk.retired_at')
    .joinRaw(
      `left join (${latestAssessments('manager', client).toQuery()}) m on m.user_id = users.id and m.skill_id = rr.skill_id`
    )
    .joinRaw(
      `left join (${latestAssessments('self', client).toQuery()}) s on s.user_id = users.id and s.skill_id = rr.skill_id`
    )
}

export type MatrixSkill = {
  id: number
  name: string
  assessedAgainst: number
  below: number
  /* The level needed, when every person on the matrix needs the same. */
  required: number | null
}

export type MatrixCell = {
  required: number
  level: number | null
  validated: boolean
  below: boolean
}

export type MatrixPerson = {
  id: number
  fullName: string
  email: string
  lineManagerId: number | null
  roleLevel: string
  cells: Map<number, MatrixCell>
}

/*
 * The team capability matrix: the skills the people's role levels need,
 * with how many people fall below each across every page, and one page
 * of people with their level in each. Three queries whatever the size.
 */
export async function teamMatrix(
  audience: TeamAudience,
  filters: TeamFilters,
  client: QueryClientContract = db.connection()
) {
  const skillRows = await withRequirements(teamPeople(audience, filters, client), client)
    .groupBy('sk.id', 'sk.name')
    .select('sk.id', 'sk.name')
    .count('* as assessed_against')
    .select(client.raw(`sum(case when ${CURRENT_LEVEL} < rr.level then 1 else 0 end) as below`))
    .min('rr.level as min_required')
    .max('rr.level as max_required')
    .orderBy('sk.name')

  const skills: MatrixSkill[] = skillRows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    assessedAgainst: Number(row.assessed_against),
    below: Number(row.below ?? 0),
    required:
      Number(row.min_required) === Number(row.max_required) ? Number(row.min_required) : null,
  }))

  const page = await teamPeople(audience, filters, client)
    .select(
      'users.id',
      'users.full_name',
      'users.email',
      'users.line_manager_id',
      'rl.name as role_level_name'
    )
    .orderBy('users.full_name')
    .orderBy('users.id')
    .paginate(filters.page ?? 1, TEAM_PAGE_SIZE)

  const people: MatrixPerson[] = page.all().map((row) => ({
    id: Number(row.id),
    fullName: row.full_name,
    email: row.email,
    lineManagerId: row.line_manager_id === null ? null : Number(row.line_manager_id),
    roleLevel: row.role_level_name,
    cells: new Map(),
  }))

  if (people.length > 0) {
    const byId = new Map(people.map((person) => [person.id, person]))
    const cells = await withRequirements(teamPeople(audience, filters, client), client)
      .whereIn(
        'users.id',
        people.map((person) => person.id)
      )
      .select(
        'users.id as user_id',
        'rr.skill_id',
        'rr.level as required',
        'm.level as validated_level',
        's.level as self_level'
      )
    for (const row of cells) {
      const required = Number(row.required)
      const validated = row.validated_level === null ? null : Number(row.validated_level)
      const self = row.self_level === null ? null : Number(row.self_level)
      const level = validated ?? self
      byId.get(Number(row.user_id))?.cells.set(Number(row.skill_id), {
        required,
        level,
        validated: validated !== null,
        below: (level ?? 0) < required,
      })
    }
  }

  const meta = page.getMeta()
  return {
    skills,
    people,
    total: Number(meta.total),
    currentPage: Number(meta.currentPage),
    lastPage: Number(meta.lastPage),
  }
}

/*
 * Every person-and-skill line of the matrix for the CSV, without paging,
 * as a stream so no more than a few rows are held at once.
 */
export function teamMatrixLines(
  audience: TeamAudience,
  filters: TeamFilters,
  client: QueryClientContract = db.connection()
) {
  return withRequirements(teamPeople(audience, filters, client), client)
    .select(
      'users.full_name',
      'users.email',
      'rl.name as role_level_name',
      'sk.name as skill_name',
      'rr.level as required',
      'm.level as validated_level',
      's.level as self_level'
    )
    .orderBy('users.full_name')
    .orderBy('users.id')
    .orderBy('sk.name')
}

/* The CSV lines as a readable stream of rows; `toKnex` applies every where clause first. */
export function streamTeamMatrixLines(
  audience: TeamAudience,
  filters: TeamFilters,
  client: QueryClientContract = db.connection()
): AsyncIterable<Record<string, any>> {
  const query = teamMatrixLines(audience, filters, client) as unknown as {
    toKnex(): { stream(): AsyncIterable<Record<string, any>> }
  }
  return query.toKnex().stream()
}
