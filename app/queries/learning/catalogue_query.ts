import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { EnrolmentStatuses } from '#enums/learning'
import type { ChainableContract } from '@adonisjs/lucid/types/querybuilder'
import type {
  AudienceKind,
  CourseDelivery,
  CourseMode,
  CourseStatus,
  ModuleKind,
  SessionStatus,
} from '#enums/learning'
import { pageOfRows } from '#queries/paging'
import { kept } from '#services/kept'
import catalogueConfig from '#config/catalogue'
import { UK_ZONE, instantFromSql } from '#domain/shared/uk_time'
import { shownRating, type CourseRating } from '#domain/learning/course_feedback'

/*
 * Reads for the course catalogue, the course page, the framework's skill
 * page and the learning API. Learners see published courses only; seats
 * are counted in SQL (capacity less booked enrolments), never row by row.
 */

export const CATALOGUE_PAGE_SIZE = 20

export type CatalogueFilters = {
  q?: string
  skill?: number
  roleProfile?: number
  mode?: CourseMode
  /* In scheduled sessions or self-paced online. */
  delivery?: CourseDelivery
  provider?: number
  location?: string
  /* yyyy-mm-dd, inclusive, in UK time */
  from?: string
  to?: string
  sort?: 'title' | 'next_session'
  page?: number
  /* Only courses for the person's own role, or that close part of their own gaps. */
  forMyRole?: boolean
  forMyGaps?: boolean
  /* What those two mean for the person asking, read by `forPerson`. */
  mine?: MyCatalogueFacts
}

/* The person's current role profile, and each skill they are below their role's level in, at the level that counts now. */
export type MyCatalogueFacts = {
  roleProfileId: number | null
  gaps: Array<{ skillId: number; current: number }>
}

export type SessionSummary = {
  id: number
  startsAt: DateTime
  venue: string | null
  location: string | null
  online: boolean
  seatsLeft: number
}

export type CatalogueEntry = { course: CourseDetail; nextSession: SessionSummary | null }

export type SessionWithCounts = {
  session: SessionRecord
  booked: number
  waitlisted: number
  seatsLeft: number
}

/* Timestamps are stored as wall-clock time in the application's zone, as Lucid writes them. */
function sqlTime(value: DateTime) {
  return value.toLocal().toFormat('yyyy-MM-dd HH:mm:ss')
}

/* Escapes LIKE wildcards with "!" (an escape character both databases accept as written). */
function containing(term: string) {
  return `%${term.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`
}

/*
 * Seats booked on the `course_sessions` row of the enclosing query: a count
 * through the (session_id, status) index, so only the sessions a page
 * needs are ever counted.
 */
const BOOKED_ON_SESSION =
  "(select count(*) from enrolments where enrolments.session_id = course_sessions.id and enrolments.status = 'booked')"

/*
 * The next upcoming scheduled session of the enclosing query's course that
 * matches the session filters, as a correlated subquery walking the
 * (course_id, starts_at) index; `column` picks what it gives. With a date
 * window only sessions that still have a free seat count.
 */
export function nextSession(filters: CatalogueFilters, now: DateTime, column: 'id' | 'starts_at') {
  const query = db
    .from('course_sessions')
    .whereColumn('course_sessions.course_id', 'courses.id')
    .where('course_sessions.status', 'scheduled')
    .where('course_sessions.starts_at', '>', sqlTime(now))
    .orderBy('course_sessions.starts_at', 'asc')
    .orderBy('course_sessions.id', 'asc')
    .select(`course_sessions.${column}`)
    .limit(1)
  if (filters.location) {
    query.whereRaw('lower(course_sessions.location) = ?', [filters.location.toLowerCase()])
  }
  if (filters.from) {
    const start = DateTime.fromISO(filters.from, { zone: UK_ZONE }).startOf('day')
    query.where('course_sessions.starts_at', '>=', sqlTime(start))
  }
  if (filters.to) {
    const end = DateTime.fromISO(filters.to, { zone: UK_ZONE }).plus({ days: 1 }).startOf('day')
    query.where('course_sessions.starts_at', '<', sqlTime(end))
  }
  if (filters.from || filters.to) {
    query.whereRaw(`course_sessions.capacity > ${BOOKED_ON_SESSION}`)
  }
  return query
}

/*
 * The catalogue's conditions on a query over "courses": published, with a
 * matching session when a session filter is set, and the course filters.
 * The catalogue page and its export both use it, so they cannot drift.
 */
export function applyCatalogueFilters<Query extends ChainableContract>(
  query: Query,
  filters: CatalogueFilters,
  now: DateTime
): Query {
  query.where('courses.status', 'published')
  // Session filters keep only courses with a matching session; else courses without one stay.
  if (filters.location || filters.from || filters.to) {
    query.whereExists(nextSession(filters, now, 'id'))
  }

  if (filters.q) {
    const term = containing(filters.q)
    query.where((where) => {
      where
        .whereRaw(`lower(courses.title) like ? escape '!'`, [term])
        .orWhereRaw(`lower(courses.code) like ? escape '!'`, [term])
        .orWhereRaw(`lower(coalesce(courses.summary, '')) like ? escape '!'`, [term])
    })
  }
  if (filters.skill) {
    query.whereIn(
      'courses.id',
      db.from('course_outcomes').where('skill_id', filters.skill).select('course_id')
    )
  }
  if (filters.roleProfile) {
    query.whereIn(
      'courses.id',
      db.from('course_audiences').where('role_profile_id', filters.roleProfile).select('course_id')
    )
  }
  if (filters.mode) query.where('courses.mode', filters.mode)
  if (filters.delivery) query.where('courses.delivery', filters.delivery)
  if (filters.provider) query.where('courses.provider_id', filters.provider)
  if (filters.forMyRole) {
    const roleProfileId = filters.mine?.roleProfileId ?? null
    if (roleProfileId === null) query.whereRaw('1 = 0')
    else {
      query.whereIn(
        'courses.id',
        db.from('course_audiences').where('role_profile_id', roleProfileId).select('course_id')
      )
    }
  }
  if (filters.forMyGaps) {
    const gaps = filters.mine?.gaps ?? []
    if (gaps.length === 0) query.whereRaw('1 = 0')
    else {
      // A course closes part of a gap when it brings the skill above the level that counts now.
      query.whereIn(
        'courses.id',
        db
          .from('course_outcomes')
          .where((any) => {
            for (const gap of gaps) {
              any.orWhere((one) =>
                one.where('skill_id', gap.skillId).where('level', '>', gap.current)
              )
            }
          })
          .select('course_id')
      )
    }
  }
  return query
}

/* A course as the catalogue, the course page and the API show it: its own columns, provider, outcomes and audiences. */
export type CourseDetail = {
  id: number
  providerId: number
  code: string
  title: string
  summary: string | null
  mode: CourseMode
  delivery: CourseDelivery
  durationHours: number
  costPence: number
  status: CourseStatus
  requiresApproval: boolean
  provider: { id: number; name: string }
  /* Outcomes in live skills, by skill name. */
  outcomes: Array<{ level: number; skill: { id: number; name: string } }>
  /* Audiences in live role profiles, by kind and then role profile name. */
  audiences: Array<{
    kind: AudienceKind
    roleProfileId: number
    roleProfile: { id: number; name: string }
  }>
  /* Learners' average overall rating, once RATING_SHOWN_FROM answers are in; else null. */
  rating: CourseRating | null
}

/* A session's own columns, its times read once from the row. */
export type SessionRecord = {
  id: number
  courseId: number
  status: SessionStatus
  startsAt: DateTime
  endsAt: DateTime
  bookingClosesAt: DateTime
  venue: string | null
  accessibilityNotes: string | null
  location: string | null
  onlineUrl: string | null
  capacity: number
  /* Its course, when it was read with it (`sessionWithCounts`). */
  course?: SessionCourse
}

/* The course a session belongs to, as a session's answer names it and its policy reads it. */
export type SessionCourse = Pick<CourseDetail, 'id' | 'code' | 'title' | 'status' | 'providerId'>

const COURSE_COLUMNS = [
  'courses.id',
  'courses.provider_id',
  'courses.code',
  'courses.title',
  'courses.summary',
  'courses.mode',
  'courses.delivery',
  'courses.duration_hours',
  'courses.cost_pence',
  'courses.status',
  'courses.requires_approval',
  'providers.name as provider_name',
]

/*
 * Courses with their provider's name, to be filtered or picked, and the
 * running count and sum of their feedback's overall ratings (ADR 24).
 */
function coursesWithProvider() {
  return db
    .from('courses')
    .join('providers', 'providers.id', 'courses.provider_id')
    .select(COURSE_COLUMNS)
    .select('courses.feedback_answers', 'courses.feedback_overall_sum')
}

/*
 * The outcomes and audiences of some courses in two queries, each kept by
 * course id, then joined to the course rows: no query per course, no scan
 * per course.
 */
async function withDetails(rows: Array<Record<string, any>>): Promise<CourseDetail[]> {
  if (!rows.length) return []
  const ids = rows.map((row) => row.id)
  const [outcomes, audiences] = await Promise.all([
    db
      .from('course_outcomes')
      .join('skills', 'skills.id', 'course_outcomes.skill_id')
      .whereNull('skills.retired_at')
      .whereIn('course_outcomes.course_id', ids)
      .select('course_outcomes.course_id', 'course_outcomes.level', 'skills.id', 'skills.name')
      .orderBy('skills.name'),
    db
      .from('course_audiences')
      .join('role_profiles', 'role_profiles.id', 'course_audiences.role_profile_id')
      .whereNull('role_profiles.retired_at')
      .whereIn('course_audiences.course_id', ids)
      .select(
        'course_audiences.course_id',
        'course_audiences.kind',
        'role_profiles.id',
        'role_profiles.name'
      )
      .orderBy('course_audiences.kind')
      .orderBy('role_profiles.name'),
  ])
  const outcomesOf = groupBy(outcomes, (row) => ({
    level: row.level,
    skill: { id: row.id, name: row.name },
  }))
  const audiencesOf = groupBy(audiences, (row) => ({
    kind: row.kind,
    roleProfileId: row.id,
    roleProfile: { id: row.id, name: row.name },
  }))
  return rows.map((row) => ({
    id: row.id,
    providerId: row.provider_id,
    code: row.code,
    title: row.title,
    summary: row.summary,
    mode: row.mode,
    delivery: row.delivery,
    durationHours: Number(row.duration_hours),
    costPence: row.cost_pence,
    status: row.status,
    requiresApproval: Boolean(row.requires_approval),
    provider: { id: row.provider_id, name: row.provider_name },
    outcomes: outcomesOf.get(Number(row.id)) ?? [],
    audiences: audiencesOf.get(Number(row.id)) ?? [],
    rating: shownRating(Number(row.feedback_overall_sum ?? 0), Number(row.feedback_answers ?? 0)),
  }))
}

/* Rows kept in their order under their course id, each made into what the caller needs. */
function groupBy<Item>(rows: Array<Record<string, any>>, make: (row: Record<string, any>) => Item) {
  const grouped = new Map<number, Item[]>()
  for (const row of rows) {
    const courseId = Number(row.course_id)
    const items = grouped.get(courseId)
    if (items) items.push(make(row))
    else grouped.set(courseId, [make(row)])
  }
  return grouped
}

/*
 * The catalogue: published courses filtered, sorted and paged in SQL, with
 * each course's next matching session and its seats left. The page of
 * courses comes first, counted in the same query; seats are then counted
 * for its sessions alone.
 */
export async function searchCatalogue(filters: CatalogueFilters, perPage = CATALOGUE_PAGE_SIZE) {
  const now = DateTime.now()
  const query = applyCatalogueFilters(coursesWithProvider(), filters, now).select(
    nextSession(filters, now, 'id').as('next_session_id')
  )
  if (filters.sort === 'next_session') {
    const startsAt = nextSession(filters, now, 'starts_at').toSQL()
    const bindings = [...startsAt.bindings] as Array<string | number>
    query
      .orderByRaw(`case when (${startsAt.sql}) is null then 1 else 0 end`, bindings)
      .orderByRaw(`(${startsAt.sql}) asc`, bindings)
  }
  query.orderBy('courses.title', 'asc').orderBy('courses.id', 'asc')

  const page = await pageOfRows(query, filters.page ?? 1, perPage)
  const rows = page.all()
  const sessionIds = rows.map((row) => Number(row.next_session_id)).filter((id) => id > 0)
  const [courses, sessions] = await Promise.all([
    withDetails(rows),
    sessionIds.length
      ? sessionsWithCounts().whereIn('course_sessions.id', sessionIds)
      : Promise.resolve([]),
  ])
  const byId = new Map(sessions.map((row) => [Number(row.id), counted(row)]))
  const entries: CatalogueEntry[] = courses.map((course, index) => {
    const next = byId.get(Number(rows[index].next_session_id))
    return {
      course,
      nextSession: next
        ? {
            id: next.session.id,
            startsAt: next.session.startsAt,
            venue: next.session.venue ?? null,
            location: next.session.location ?? null,
            online: Boolean(next.session.onlineUrl),
            seatsLeft: next.seatsLeft,
          }
        : null,
    }
  })
  return { page, entries }
}

const SESSION_COLUMNS = [
  'course_sessions.id',
  'course_sessions.course_id',
  'course_sessions.status',
  'course_sessions.starts_at',
  'course_sessions.ends_at',
  'course_sessions.booking_closes_at',
  'course_sessions.venue',
  'course_sessions.accessibility_notes',
  'course_sessions.location',
  'course_sessions.online_url',
  'course_sessions.capacity',
]

/*
 * Sessions with their booked and waitlisted counts, each counted by a
 * subquery on the session's enrolments: no GROUP BY over the sessions'
 * columns, which MySQL 8's ONLY_FULL_GROUP_BY and MariaDB read differently.
 */
function sessionsWithCounts() {
  const enrolmentsOfSession = (status: string, name: string) =>
    db
      .from('enrolments')
      .whereColumn('enrolments.session_id', 'course_sessions.id')
      .where('enrolments.status', status)
      .count('*')
      .as(name)
  return db
    .from('course_sessions')
    .select(SESSION_COLUMNS)
    .select(
      enrolmentsOfSession(EnrolmentStatuses.Booked, 'booked_count'),
      enrolmentsOfSession(EnrolmentStatuses.Waitlisted, 'waitlisted_count')
    )
}

/* A session row with its counts, its times converted once. */
function counted(row: Record<string, any>): SessionWithCounts {
  const booked = Number(row.booked_count ?? 0)
  const waitlisted = Number(row.waitlisted_count ?? 0)
  const session: SessionRecord = {
    id: row.id,
    courseId: row.course_id,
    status: row.status,
    startsAt: instantFromSql(row.starts_at)!,
    endsAt: instantFromSql(row.ends_at)!,
    bookingClosesAt: instantFromSql(row.booking_closes_at)!,
    venue: row.venue,
    accessibilityNotes: row.accessibility_notes,
    location: row.location,
    onlineUrl: row.online_url,
    capacity: row.capacity,
  }
  return { session, booked, waitlisted, seatsLeft: Math.max(0, session.capacity - booked) }
}

/* A self-paced course's module as the course page and the API list it. */
export type ModuleSummary = {
  id: number
  position: number
  title: string
  kind: ModuleKind
  required: boolean
}

/*
 * A course with its outcomes, audiences and upcoming scheduled sessions in
 * order of start, each with its counts, and a self-paced course's modules
 * in order. Any status: callers check the policy.
 */
export async function courseWithSessions(id: number, now = DateTime.now()) {
  const rows = await coursesWithProvider().where('courses.id', id)
  if (!rows.length) return null
  // A course has sessions or modules, as it is delivered: only those are read.
  const selfPaced = rows[0].delivery === 'self_paced'
  const [[course], sessions, modules] = await Promise.all([
    withDetails(rows),
    selfPaced
      ? []
      : sessionsWithCounts()
          .where('course_sessions.course_id', id)
          .where('course_sessions.status', 'scheduled')
          .where('course_sessions.starts_at', '>', sqlTime(now))
          .orderBy('course_sessions.starts_at', 'asc')
          .orderBy('course_sessions.id', 'asc'),
    selfPaced
      ? db
          .from('course_modules')
          .where('course_id', id)
          .orderBy('position')
          .select('id', 'position', 'title', 'kind', 'required')
      : [],
  ])
  return {
    course,
    sessions: sessions.map(counted),
    modules: modules.map((row): ModuleSummary => ({
      id: Number(row.id),
      position: Number(row.position),
      title: row.title,
      kind: row.kind,
      required: Boolean(row.required),
    })),
  }
}

/* One session, whatever its status or date, with its course and counts. */
export async function sessionWithCounts(id: number) {
  const row = await sessionsWithCounts()
    .join('courses', 'courses.id', 'course_sessions.course_id')
    .select(
      'courses.code as course_code',
      'courses.title as course_title',
      'courses.status as course_status',
      'courses.provider_id as course_provider_id'
    )
    .where('course_sessions.id', id)
    .first()
  if (!row) return null
  const found = counted(row)
  const course: SessionCourse = {
    id: row.course_id,
    code: row.course_code,
    title: row.course_title,
    status: row.course_status,
    providerId: row.course_provider_id,
  }
  return { ...found, session: { ...found.session, course } }
}

/* Published courses that build a skill, with the level each brings a learner to and its next session. */
export async function coursesBuildingSkill(skillId: number, now = DateTime.now()) {
  const rows = await db
    .from('courses')
    .join('course_outcomes', 'course_outcomes.course_id', 'courses.id')
    .join('providers', 'providers.id', 'courses.provider_id')
    .leftJoin('course_sessions', (join) => {
      join
        .on('course_sessions.course_id', '=', 'courses.id')
        .andOnVal('course_sessions.status', '=', 'scheduled')
        .andOnVal('course_sessions.starts_at', '>', sqlTime(now))
    })
    .where('course_outcomes.skill_id', skillId)
    .where('courses.status', 'published')
    .groupBy(
      'courses.id',
      'courses.code',
      'courses.title',
      'courses.mode',
      'providers.name',
      'course_outcomes.level'
    )
    .select(
      'courses.id',
      'courses.code',
      'courses.title',
      'courses.mode',
      'providers.name as provider_name',
      'course_outcomes.level'
    )
    .min('course_sessions.starts_at as next_starts_at')
    .orderBy('course_outcomes.level', 'asc')
    .orderBy('courses.title', 'asc')
  return rows.map((row) => ({
    id: Number(row.id),
    code: String(row.code),
    title: String(row.title),
    mode: row.mode as CourseMode,
    providerName: String(row.provider_name),
    level: Number(row.level),
    nextStartsAt: instantFromSql(row.next_starts_at),
  }))
}

/*
 * The choices of the catalogue's filters: only ones that can find a
 * published course, but roles. Counted once for everyone and kept for a
 * minute (config/catalogue.ts): they change when courses and sessions do.
 */
export function catalogueOptions(now = DateTime.now()) {
  return kept('catalogue', 'options', catalogueConfig.optionsCacheSeconds, () =>
    countCatalogueOptions(now)
  )
}

async function countCatalogueOptions(now: DateTime) {
  const published = db.from('courses').where('status', 'published').select('id')
  const [skills, roleProfiles, providers, locations] = await Promise.all([
    db
      .from('skills')
      .whereNull('retired_at')
      .whereIn(
        'id',
        db.from('course_outcomes').whereIn('course_id', published.clone()).select('skill_id')
      )
      .select('id', 'name')
      .orderBy('name'),
    db
      .from('role_profiles')
      .join('role_families', 'role_families.id', 'role_profiles.role_family_id')
      .whereNull('role_profiles.retired_at')
      .whereNull('role_families.retired_at')
      .select('role_profiles.id', 'role_profiles.name')
      .orderBy('role_profiles.name'),
    db
      .from('providers')
      .whereIn('id', db.from('courses').where('status', 'published').select('provider_id'))
      .select('id', 'name')
      .orderBy('name'),
    db
      .from('course_sessions')
      .whereIn('course_id', published.clone())
      .where('status', 'scheduled')
      .where('starts_at', '>', sqlTime(now))
      .whereNotNull('location')
      .distinct('location')
      .orderBy('location'),
  ])
  const option = (row: { id: number; name: string }) => ({ value: row.id, label: row.name })
  return {
    skills: skills.map(option),
    roleProfiles: roleProfiles.map(option),
    providers: providers.map(option),
    locations: locations.map((row) => ({ value: row.location, label: row.location })),
  }
}
