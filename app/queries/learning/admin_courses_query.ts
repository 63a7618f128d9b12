import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import { courseStatusValues, type CourseStatus } from '#enums/learning'
import { optionGroups } from '#queries/select_options'

/* The providers a user administers, as provider_scope gives them. */
export type ProviderScope = number[] | 'all'

export type AdminCourseFilters = {
  q?: string
  status?: CourseStatus
  providerId?: number
  page: number
}

const PER_PAGE = 25

/* Timestamps are stored as UTC wall-clock text; compare against the same. */
export function nowForSql() {
  return DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
}

/* Narrows a query to the courses (or providers) of the providers a user administers. */
export function limitToProviders<T extends { whereIn: (...args: any[]) => T }>(
  query: T,
  providers: ProviderScope,
  column: string
) {
  return providers === 'all' ? query : query.whereIn(column, providers)
}

/* Reads the course list's filters from a query string, ignoring anything unknown. */
export function adminCourseFilters(qs: Record<string, unknown>): AdminCourseFilters {
  const providerId = Number.parseInt(String(qs.provider ?? ''), 10)
  const page = Number.parseInt(String(qs.page ?? '1'), 10)
  const q = typeof qs.q === 'string' && qs.q.trim() ? qs.q.trim().slice(0, 100) : undefined
  return {
    q,
    status: courseStatusValues.includes(qs.status as CourseStatus)
      ? (qs.status as CourseStatus)
      : undefined,
    providerId: Number.isFinite(providerId) && providerId > 0 ? providerId : undefined,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  }
}

/*
 * The courses of the providers a course admin manages, in every status,
 * filtered and paged in SQL, each with its upcoming sessions and the
 * places booked on them.
 */
export function adminCourses(providers: ProviderScope, filters: AdminCourseFilters) {
  const now = nowForSql()
  const query = Course.query()
    .join('providers', 'providers.id', 'courses.provider_id')
    .select('courses.*', 'providers.name as provider_name')
    .withCount('sessions', (sessions) =>
      sessions.where('status', 'scheduled').where('starts_at', '>', now).as('upcoming_sessions')
    )
    .select(bookedPlaces(now))
  limitToProviders(query, providers, 'courses.provider_id')
  applyFilters(query, filters, { status: true })
  return query
    .orderBy('courses.title', 'asc')
    .orderBy('courses.id', 'asc')
    .paginate(filters.page, PER_PAGE)
}

/* Places booked on a course's upcoming sessions, as a column `booked_places` of a `courses` query. */
export function bookedPlaces(now: string) {
  return db.raw(
    `(select count(*) from enrolments e
          inner join course_sessions s on s.id = e.session_id
          where s.course_id = courses.id and e.status = ? and s.status = ? and s.starts_at > ?)
          as booked_places`,
    ['booked', 'scheduled', now]
  )
}

/* The course list's provider, search and (when asked) status filters. */
export function applyFilters(
  query: { where: (...args: any[]) => any; whereRaw: (...args: any[]) => any },
  filters: AdminCourseFilters,
  options: { status: boolean }
) {
  if (filters.providerId) query.where('courses.provider_id', filters.providerId)
  if (options.status && filters.status) query.where('courses.status', filters.status)
  if (filters.q) {
    const term = `%${filters.q.toLowerCase()}%`
    query.where((where: any) => {
      where
        .whereRaw('lower(courses.title) like ?', [term])
        .orWhereRaw('lower(courses.code) like ?', [term])
    })
  }
}

/* How many of the admin's courses (matching the other filters) are in each status. */
export async function courseStatusCounts(providers: ProviderScope, filters: AdminCourseFilters) {
  const query = db
    .from('courses')
    .select('courses.status')
    .count('* as total')
    .groupBy('courses.status')
  limitToProviders(query, providers, 'courses.provider_id')
  applyFilters(query, filters, { status: false })
  const rows = await query
  const counts = Object.fromEntries(courseStatusValues.map((status) => [status, 0])) as Record<
    CourseStatus,
    number
  >
  for (const row of rows) counts[row.status as CourseStatus] = Number(row.total)
  return counts
}

/* The providers a user manages, as select options. */
export async function providerOptions(providers: ProviderScope) {
  const query = db.from('providers').select('id', 'name').orderBy('name')
  limitToProviders(query, providers, 'id')
  const rows = await query
  return rows.map((row) => ({ value: Number(row.id), label: String(row.name) }))
}

/* A course's sessions, soonest first, with the people booked, waiting and awaiting approval on each. */
export function courseSessions(courseId: number) {
  return CourseSession.query()
    .where('course_id', courseId)
    .withCount('enrolments', (enrolments) => enrolments.where('status', 'booked').as('booked'))
    .withCount('enrolments', (enrolments) =>
      enrolments.where('status', 'waitlisted').as('waitlisted')
    )
    .withCount('enrolments', (enrolments) =>
      enrolments.where('status', 'requested').as('requested')
    )
    .orderBy('starts_at', 'asc')
}

/* Live skills, grouped by category, that a course does not list yet: options for a select. */
export async function skillOptionsFor(courseId: number) {
  const skills = await db
    .from('skills')
    .whereNull('retired_at')
    .whereNotIn('id', db.from('course_outcomes').where('course_id', courseId).select('skill_id'))
    .orderBy('category')
    .orderBy('name')
    .select('id', 'name', 'category')
  return optionGroups(skills, (skill) => skill.category)
}

/* Live role profiles a course is not yet listed for: options for a select. */
export async function roleOptionsFor(courseId: number) {
  const roles = await db
    .from('role_profiles')
    .join('role_families', 'role_families.id', 'role_profiles.role_family_id')
    .whereNull('role_profiles.retired_at')
    .whereNotIn(
      'role_profiles.id',
      db.from('course_audiences').where('course_id', courseId).select('role_profile_id')
    )
    .orderBy('role_families.name')
    .orderBy('role_profiles.name')
    .select('role_profiles.id', 'role_profiles.name', 'role_families.name as family')
  return optionGroups(roles, (role) => role.family)
}

/* The people with a place on a session. */
export async function bookedCount(sessionId: number) {
  const row = await db
    .from('enrolments')
    .where('session_id', sessionId)
    .where('status', 'booked')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

/* Every provider with how many courses it has and how many course admins manage it. */
export async function providerSummaries() {
  const rows = await db
    .from('providers')
    .select('providers.id', 'providers.code', 'providers.name')
    .select(
      db.raw('(select count(*) from courses where courses.provider_id = providers.id) as courses')
    )
    .select(
      db.raw(
        '(select count(*) from provider_admins where provider_admins.provider_id = providers.id) as admins'
      )
    )
    .orderBy('providers.name')
  return rows.map((row) => ({
    id: Number(row.id),
    code: String(row.code),
    name: String(row.name),
    courses: Number(row.courses),
    admins: Number(row.admins),
  }))
}

/* The course admins linked to a provider, by name. */
export function providerAdmins(providerId: number) {
  return db
    .from('provider_admins')
    .join('users', 'users.id', 'provider_admins.user_id')
    .where('provider_admins.provider_id', providerId)
    .select('users.id', 'users.full_name', 'users.email')
    .orderBy('users.full_name')
}
