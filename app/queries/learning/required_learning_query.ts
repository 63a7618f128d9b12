import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import CourseRequirement from '#models/course_requirement'
import type User from '#models/user'
import { OrganisationScope } from '#services/organisation_scope'
import { pageOfRows } from '#queries/paging'
import { RoleAssignmentKinds } from '#enums/capability'
import { gradeLabels, type Grade } from '#enums/grades'
import { professionLabels } from '#enums/professions'
import { requirementStateValues } from '#enums/required_learning'
import {
  compareStandings,
  requirementStanding,
  stateThresholds,
  type RequirementState,
  type RequirementTerms,
  type Standing,
} from '#domain/learning/required_learning'
import { UK_ZONE, instantFromSql, isoDateFromSql } from '#domain/shared/uk_time'

/*
 * Required learning's reads: who is in a requirement's audience, and where
 * each stands, counted in SQL for the compliance dashboard (one aggregate
 * per requirement, whatever the number of people), and worked out for one
 * person from their own rows for their pages.
 */

/* A requirement as the queries need it: its terms and its course's validity. */
export type LoadedRequirement = CourseRequirement & { course: { validityMonths: number | null } }

/* Today, as a UK calendar day. */
export function ukToday(now: DateTime = DateTime.now()) {
  return now.setZone(UK_ZONE).toISODate()!
}

/* A stored instant as the UK day it fell on; null when there is none. */
function ukDayOf(value: unknown) {
  const instant = instantFromSql(value)
  return instant?.isValid ? instant.setZone(UK_ZONE).toISODate() : null
}

/* The UTC text of the first instant of a UK day: an instant falls before the day when it is less. */
function startOfUkDay(day: string) {
  return DateTime.fromISO(day, { zone: UK_ZONE }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}

const nextDay = (day: string) => DateTime.fromISO(day).plus({ days: 1 }).toISODate()!

/* A requirement's terms, for the domain's rules. */
export function termsOf(requirement: LoadedRequirement): RequirementTerms {
  return {
    due:
      requirement.dueKind === 'fixed'
        ? { kind: 'fixed', dueOn: requirement.dueOn!.toISODate()! }
        : { kind: 'after_joining', days: requirement.dueDays ?? 0 },
    recurrenceMonths: requirement.recurrenceMonths,
    validityMonths: requirement.course.validityMonths,
    setOn: requirement.createdAt.setZone(UK_ZONE).toISODate()!,
  }
}

/* One organisation's tree as a scope (its organisationIdsQuery is the subquery of ids). */
async function treeOf(organisationId: number) {
  const root = await db
    .from('organisations')
    .where('id', organisationId)
    .select('id', 'path')
    .firstOrFail()
  return new OrganisationScope(false, [{ id: root.id, path: root.path }])
}

/* Where each person joined the audience, as a stored instant: see ADR 19. */
function joinedColumn(requirement: CourseRequirement) {
  switch (requirement.audienceKind) {
    case 'role_profile':
      return 'ra.created_at'
    case 'people':
      return 'rp.created_at'
    case 'organisation':
    case 'grade':
    case 'profession':
      return 'u.created_at'
  }
}

/*
 * The active people a requirement applies to, within the organisation tree
 * of the HR who set it and within the viewer's scope, each with the
 * instant they joined the audience (joined_at) and their latest
 * completion of the course (last_completed_on).
 */
export async function audienceQuery(
  requirement: CourseRequirement,
  viewer: OrganisationScope | null
): Promise<{ query: DatabaseQueryBuilderContract<any> }> {
  // Wrapped: a query builder is thenable, so an async function returning one would run it.
  // A subquery joins through toKnex(), which applies its where clauses (knexQuery has none yet).
  const query = db.from('users as u').whereNull('u.deactivated_at')
  switch (requirement.audienceKind) {
    case 'organisation': {
      const tree = await treeOf(requirement.organisationId!)
      query.whereIn('u.organisation_id', tree.organisationIdsQuery())
      break
    }
    case 'grade':
      query.whereIn('u.grade', requirement.grades ?? [])
      break
    case 'profession':
      query.where('u.profession', requirement.profession ?? '')
      break
    case 'role_profile':
      query
        .join('role_assignments as ra', (join) =>
          join.on('ra.user_id', 'u.id').andOnVal('ra.active_kind', RoleAssignmentKinds.Current)
        )
        .join('role_levels as rl', 'rl.id', 'ra.role_level_id')
        .where('rl.role_profile_id', requirement.roleProfileId!)
      break
    case 'people':
      query
        .join('course_requirement_people as rp', 'rp.user_id', 'u.id')
        .where('rp.requirement_id', requirement.id)
      break
  }
  if (requirement.scopeOrganisationId !== null) {
    const tree = await treeOf(requirement.scopeOrganisationId)
    query.whereIn('u.organisation_id', tree.organisationIdsQuery())
  }
  if (viewer) viewer.apply(query, 'u.organisation_id')
  const completions = db
    .from('learning_records')
    .where('course_id', requirement.courseId)
    .groupBy('user_id')
    .select('user_id', db.raw('max(completed_on) as last_completed_on'))
  const latest = (completions as unknown as { toKnex(): { as(alias: string): unknown } }).toKnex()
  ;(query as any).leftJoin(latest.as('lc'), 'lc.user_id', 'u.id')
  query.select(
    'u.id',
    'u.full_name',
    'u.email',
    'u.organisation_id',
    `${joinedColumn(requirement)} as joined_at`,
    'lc.last_completed_on'
  )
  return { query }
}

/*
 * Each person's state as SQL, from the thresholds the domain gives for
 * today (required_learning.ts `stateThresholds`), so the counts and a
 * person's own page agree.
 */
function stateSql(requirement: LoadedRequirement, today: string) {
  const terms = termsOf(requirement)
  const t = stateThresholds(terms, today)
  const joined = joinedColumn(requirement)
  const bindings: unknown[] = []
  const completed =
    t.validFrom === null ? '1 = 1' : (bindings.push(t.validFrom), 'lc.last_completed_on >= ?')
  const joinedBefore = (day: string, setOnOk: boolean) => {
    if (!setOnOk) return '1 = 0'
    bindings.push(startOfUkDay(day))
    return `(${joined} IS NULL OR ${joined} < ?)`
  }
  const overdue = t.fixed
    ? t.fixed.overdue
      ? '1 = 1'
      : '1 = 0'
    : joinedBefore(t.overdueBefore, terms.setOn < t.overdueBefore)
  const due = t.fixed
    ? t.fixed.due
      ? '1 = 1'
      : '1 = 0'
    : joinedBefore(nextDay(t.dueBy), terms.setOn <= t.dueBy)
  return {
    sql: `CASE WHEN lc.last_completed_on IS NOT NULL AND ${completed} THEN 'completed' WHEN lc.last_completed_on IS NOT NULL THEN 'expired' WHEN ${overdue} THEN 'overdue' WHEN ${due} THEN 'due' ELSE 'not_due' END`,
    bindings,
  }
}

/* The audience with each person's state, as a table to count or list from. */
async function withStates(
  requirement: LoadedRequirement,
  viewer: OrganisationScope | null,
  today: string
) {
  const state = stateSql(requirement, today)
  const { query } = await audienceQuery(requirement, viewer)
  query.select(db.raw(`${state.sql} as state`, state.bindings))
  return { query }
}

export type StateCounts = Record<RequirementState, number> & { total: number }

function emptyCounts(): StateCounts {
  return { overdue: 0, expired: 0, due: 0, not_due: 0, completed: 0, total: 0 }
}

/* The one aggregate query that counts the audience by state (wrapped: a query builder is thenable). */
export async function countsQuery(
  requirement: LoadedRequirement,
  viewer: OrganisationScope | null,
  today: string
) {
  const { query: states } = await withStates(requirement, viewer, today)
  const query = db.from(states.as('a')).groupBy('a.state').select('a.state').count('* as total')
  return { query }
}

/* How many people of the requirement's audience stand in each state, in one aggregate query. */
export async function complianceCounts(
  requirement: LoadedRequirement,
  viewer: OrganisationScope | null,
  today = ukToday()
): Promise<StateCounts> {
  const { query } = await countsQuery(requirement, viewer, today)
  const rows = await query
  const counts = emptyCounts()
  for (const row of rows) {
    counts[row.state as RequirementState] = Number(row.total)
    counts.total += Number(row.total)
  }
  return counts
}

export type OrganisationCounts = StateCounts & { organisationId: number; name: string }

/* The same counts for each organisation people of the audience belong to, by name. */
export async function complianceByOrganisation(
  requirement: LoadedRequirement,
  viewer: OrganisationScope | null,
  today = ukToday()
): Promise<OrganisationCounts[]> {
  const { query: states } = await withStates(requirement, viewer, today)
  const rows = await db
    .from(states.as('a'))
    .join('organisations as o', 'o.id', 'a.organisation_id')
    .groupBy('o.id', 'o.name', 'a.state')
    .select('o.id', 'o.name', 'a.state')
    .count('* as total')
  const byId = new Map<number, OrganisationCounts>()
  for (const row of rows) {
    const id = Number(row.id)
    const entry = byId.get(id) ?? { ...emptyCounts(), organisationId: id, name: row.name }
    entry[row.state as RequirementState] = Number(row.total)
    entry.total += Number(row.total)
    byId.set(id, entry)
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name))
}

export type ComplianceFilters = { state?: RequirementState; organisationId?: number }

/* The audience, filtered by state and organisation, by name: the list and the CSV read it. */
export async function compliancePeopleQuery(
  requirement: LoadedRequirement,
  viewer: OrganisationScope | null,
  filters: ComplianceFilters,
  today = ukToday()
): Promise<{ query: DatabaseQueryBuilderContract<any> }> {
  const { query: states } = await withStates(requirement, viewer, today)
  const query = db
    .from(states.as('a'))
    .join('organisations as o', 'o.id', 'a.organisation_id')
    .select(
      'a.id',
      'a.full_name',
      'a.email',
      'a.joined_at',
      'a.last_completed_on',
      'a.state',
      'o.name as organisation_name'
    )
  if (filters.state) query.where('a.state', filters.state)
  if (filters.organisationId) query.where('a.organisation_id', filters.organisationId)
  return { query }
}

export type PersonStanding = {
  id: number
  fullName: string
  email: string
  organisationName: string
  standing: Standing
}

/* One person's row as the list shows it, with their due day and validity from the domain. */
export function personStanding(
  requirement: LoadedRequirement,
  row: Record<string, any>,
  today = ukToday()
): PersonStanding {
  return {
    id: Number(row.id),
    fullName: row.full_name,
    email: row.email,
    organisationName: row.organisation_name,
    standing: requirementStanding(
      termsOf(requirement),
      { joinedOn: ukDayOf(row.joined_at), lastCompletedOn: isoDateFromSql(row.last_completed_on) },
      today
    ),
  }
}

/* A page of the audience with each person's standing. */
export async function compliancePeople(
  requirement: LoadedRequirement,
  viewer: OrganisationScope | null,
  filters: ComplianceFilters,
  page: number,
  perPage = 25
) {
  const today = ukToday()
  const { query } = await compliancePeopleQuery(requirement, viewer, filters, today)
  query.orderBy('a.full_name').orderBy('a.id')
  const rows = await pageOfRows<Record<string, any>>(query, page, perPage)
  return {
    paginator: rows,
    people: rows.all().map((row) => personStanding(requirement, row, today)),
  }
}

/*
 * The requirements a person may see: every one for a capability admin;
 * for department HR, those set for everyone and those set within their
 * scope (another department's are as if they did not exist).
 */
export function visibleRequirements(scope: OrganisationScope) {
  const query = CourseRequirement.query()
  if (scope.everything) return query
  return query.where((where) => {
    where.whereNull('scope_organisation_id')
    where.orWhereIn('scope_organisation_id', scope.organisationIdsQuery())
  })
}

/* One requirement the person may see, with what its pages show; null when they may not. */
export async function findRequirementInScope(
  scope: OrganisationScope,
  id: unknown
): Promise<LoadedRequirement | null> {
  const number = Number(id)
  if (!Number.isSafeInteger(number) || number <= 0) return null
  const requirement = await visibleRequirements(scope)
    .where('id', number)
    .preload('course')
    .preload('organisation')
    .preload('roleProfile')
    .preload('scopeOrganisation')
    .preload('creator')
    .first()
  return requirement as LoadedRequirement | null
}

/* The requirements in force the person may see, newest first. */
export async function requirementsInForce(scope: OrganisationScope) {
  const list = await visibleRequirements(scope)
    .whereNull('withdrawn_at')
    .preload('course')
    .preload('organisation')
    .preload('roleProfile')
    .preload('scopeOrganisation')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
  return list as LoadedRequirement[]
}

/* Who a requirement is for, in words: "Grades SCS1, SCS2", "Everyone in HMRC". */
export function audienceWords(requirement: LoadedRequirement & { people?: unknown[] }) {
  switch (requirement.audienceKind) {
    case 'organisation':
      return `Everyone in ${requirement.organisation?.name ?? 'the organisation'} and the organisations below it`
    case 'grade':
      return `Everyone at ${(requirement.grades ?? []).map((grade) => gradeLabels[grade as Grade] ?? grade).join(', ')}`
    case 'profession':
      return `The ${professionLabels[requirement.profession as keyof typeof professionLabels] ?? requirement.profession} profession`
    case 'role_profile':
      return `Every ${requirement.roleProfile?.name ?? 'holder of the role'}`
    case 'people':
      return 'People picked by name'
  }
}

/* When a requirement is due, in words. */
export function dueWords(requirement: LoadedRequirement) {
  const due =
    requirement.dueKind === 'fixed'
      ? `By ${requirement.dueOn!.toFormat('d LLLL yyyy')}`
      : `Within ${requirement.dueDays} day${requirement.dueDays === 1 ? '' : 's'} of joining`
  return requirement.recurrenceMonths
    ? `${due}, then every ${requirement.recurrenceMonths} months`
    : due
}

/* A state filter from the query string, or undefined. */
export function stateFilter(value: unknown): RequirementState | undefined {
  return requirementStateValues.includes(value as RequirementState)
    ? (value as RequirementState)
    : undefined
}

export type RequiredOfPerson = { requirement: LoadedRequirement; standing: Standing }

/*
 * The requirements in force that apply to one person, with where they
 * stand on each, worst first: read from their own rows (their organisation,
 * grade, profession, current role, the people lists naming them and their
 * completions), the same audiences the compliance counts use.
 */
export async function requiredOf(
  user: User,
  now: DateTime = DateTime.now()
): Promise<RequiredOfPerson[]> {
  const [person, role, picked, completions, requirements] = await Promise.all([
    db
      .from('users as u')
      .join('organisations as o', 'o.id', 'u.organisation_id')
      .where('u.id', user.id)
      .select(
        'o.id as organisation_id',
        'o.path',
        'u.grade',
        'u.profession',
        'u.created_at',
        'u.deactivated_at'
      )
      .first(),
    db
      .from('role_assignments as ra')
      .join('role_levels as rl', 'rl.id', 'ra.role_level_id')
      .where('ra.user_id', user.id)
      .where('ra.active_kind', RoleAssignmentKinds.Current)
      .select('rl.role_profile_id', 'ra.created_at')
      .first(),
    db
      .from('course_requirement_people')
      .where('user_id', user.id)
      .select('requirement_id', 'created_at'),
    db
      .from('learning_records')
      .where('user_id', user.id)
      .whereNotNull('course_id')
      .groupBy('course_id')
      .select('course_id', db.raw('max(completed_on) as last_completed_on')),
    CourseRequirement.query().whereNull('withdrawn_at').preload('course'),
  ])
  if (!person || person.deactivated_at) return []
  const inTree = (rootId: number | null) =>
    rootId !== null &&
    (Number(person.organisation_id) === rootId || String(person.path).includes(`/${rootId}/`))
  const pickedOn = new Map(picked.map((row) => [Number(row.requirement_id), row.created_at]))
  const lastOf = new Map(
    completions.map((row) => [Number(row.course_id), isoDateFromSql(row.last_completed_on)])
  )
  const today = ukToday(now)

  const applying: RequiredOfPerson[] = []
  for (const requirement of requirements as LoadedRequirement[]) {
    if (requirement.scopeOrganisationId !== null && !inTree(requirement.scopeOrganisationId)) {
      continue
    }
    let joinedAt: unknown
    switch (requirement.audienceKind) {
      case 'organisation':
        if (!inTree(requirement.organisationId)) continue
        joinedAt = person.created_at
        break
      case 'grade':
        if (!person.grade || !(requirement.grades ?? []).includes(person.grade as Grade)) continue
        joinedAt = person.created_at
        break
      case 'profession':
        if (!person.profession || person.profession !== requirement.profession) continue
        joinedAt = person.created_at
        break
      case 'role_profile':
        if (!role || Number(role.role_profile_id) !== requirement.roleProfileId) continue
        joinedAt = role.created_at
        break
      case 'people':
        if (!pickedOn.has(requirement.id)) continue
        joinedAt = pickedOn.get(requirement.id)
        break
    }
    const standing = requirementStanding(
      termsOf(requirement),
      { joinedOn: ukDayOf(joinedAt), lastCompletedOn: lastOf.get(requirement.courseId) ?? null },
      today
    )
    applying.push({ requirement, standing })
  }
  return applying.sort((a, b) => compareStandings(a.standing, b.standing))
}
