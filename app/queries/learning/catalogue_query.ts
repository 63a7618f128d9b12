import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import type { CourseMode } from '#enums/learning'

/*
 * Reads for the course catalogue, the course page, the framework's skill
 * page and the learning API. Learners see published courses only; seats
 * are counted in SQL (capacity less booked enrolments), never row by row.
 */

export const CATALOGUE_PAGE_SIZE = 20

/* Sessions are shown and searched in UK time. */
export const LEARNING_ZONE = 'Europe/London'

export type CatalogueFilters = {
  q?: string
  skill?: number
  roleProfile?: number
  mode?: CourseMode
  provider?: number
  location?: string
  /* yyyy-mm-dd, inclusive, in UK time */
  from?: string
  to?: string
  sort?: 'title' | 'next_session'
  page?: number
}

export type SessionSummary = {
  id: number
  startsAt: DateTime
  venue: string | null
  location: string | null
  online: boolean
  seatsLeft: number
}

export type CatalogueEntry = { course: Course; nextSession: SessionSummary | null }

export type SessionWithCounts = {
  session: CourseSession
  booked: number
  waitlisted: number
  seatsLeft: number
}

/* Timestamps are stored as wall-clock time in the application's zone, as Lucid writes them. */
function sqlTime(value: DateTime) {
  return value.toLocal().toFormat('yyyy-MM-dd HH:mm:ss')
}

/* A timestamp from a raw row: a Date from MySQL, a string from SQLite. */
function toDateTime(value: unknown): DateTime | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value)
  const text = String(value)
  const parsed = DateTime.fromSQL(text)
  return parsed.isValid ? parsed : DateTime.fromISO(text)
}

/* Escapes LIKE wildcards with "!" (an escape character both databases accept as written). */
function containing(term: string) {
  return `%${term.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`
}

/* Booked seats per upcoming session: where the catalogue's seat counts come from. */
function bookedSeats(now: DateTime) {
  return db
    .from('enrolments')
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .where('enrolments.status', 'booked')
    .where('course_sessions.starts_at', '>', sqlTime(now))
    .groupBy('enrolments.session_id')
    .select('enrolments.session_id')
    .count('* as booked')
}

/*
 * Upcoming scheduled sessions matching the session filters, numbered per
 * course by start: row 1 is the course's next matching session. With a
 * date window only sessions that still have a free seat count.
 */
function rankedSessions(filters: CatalogueFilters, now: DateTime) {
  const freeSeats = 'course_sessions.capacity - coalesce(booked_seats.booked, 0)'
  const query = db
    .from('course_sessions')
    .leftJoin('booked_seats', 'booked_seats.session_id', 'course_sessions.id')
    .where('course_sessions.status', 'scheduled')
    .where('course_sessions.starts_at', '>', sqlTime(now))
    .select(
      'course_sessions.id',
      'course_sessions.course_id',
      'course_sessions.starts_at',
      'course_sessions.venue',
      'course_sessions.location',
      'course_sessions.online_url'
    )
    .select(db.raw(`${freeSeats} as seats_left`))
    .select(
      db.raw(
        'row_number() over (partition by course_sessions.course_id order by course_sessions.starts_at, course_sessions.id) as rn'
      )
    )
  if (filters.location) {
    query.whereRaw('lower(course_sessions.location) = ?', [filters.location.toLowerCase()])
  }
  if (filters.from || filters.to) {
    if (filters.from) {
      const start = DateTime.fromISO(filters.from, { zone: LEARNING_ZONE }).startOf('day')
      query.where('course_sessions.starts_at', '>=', sqlTime(start))
    }
    if (filters.to) {
      const end = DateTime.fromISO(filters.to, { zone: LEARNING_ZONE })
        .plus({ days: 1 })
        .startOf('day')
      query.where('course_sessions.starts_at', '<', sqlTime(end))
    }
    query.whereRaw(`${freeSeats} > 0`)
  }
  return query
}

/* Published courses matching the filters, each with its next matching session. */
function catalogueQuery(filters: CatalogueFilters, now = DateTime.now()) {
  const sessionFiltered = Boolean(filters.location || filters.from || filters.to)
  const query = Course.query()
    .with('booked_seats', bookedSeats(now))
    .with('ranked_sessions', rankedSessions(filters, now))
    .where('courses.status', 'published')
  // Session filters keep only courses with a matching session; else courses without one stay.
  const method = sessionFiltered ? 'join' : 'leftJoin'
  query[method]('ranked_sessions', (join) => {
    join.on('ranked_sessions.course_id', '=', 'courses.id').andOnVal('ranked_sessions.rn', '=', 1)
  })

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
  if (filters.provider) query.where('courses.provider_id', filters.provider)
  return query
}

function withDetails(query: ModelQueryBuilderContract<typeof Course>) {
  return query
    .preload('provider')
    .preload('outcomes', (outcomes) =>
      outcomes
        .join('skills', 'skills.id', 'course_outcomes.skill_id')
        .whereNull('skills.retired_at')
        .select('course_outcomes.*')
        .orderBy('skills.name')
        .preload('skill')
    )
    .preload('audiences', (audiences) =>
      audiences
        .join('role_profiles', 'role_profiles.id', 'course_audiences.role_profile_id')
        .whereNull('role_profiles.retired_at')
        .select('course_audiences.*')
        .orderBy('course_audiences.kind')
        .orderBy('role_profiles.name')
        .preload('roleProfile')
    )
}

/*
 * The catalogue: published courses filtered, sorted and paged in SQL, with
 * each course's next matching session and its seats left.
 */
export async function searchCatalogue(filters: CatalogueFilters, perPage = CATALOGUE_PAGE_SIZE) {
  const query = catalogueQuery(filters)
    .select('courses.*')
    .select(
      'ranked_sessions.id as next_session_id',
      'ranked_sessions.starts_at as next_starts_at',
      'ranked_sessions.venue as next_venue',
      'ranked_sessions.location as next_location',
      'ranked_sessions.online_url as next_online_url',
      'ranked_sessions.seats_left as next_seats_left'
    )
  withDetails(query)
  if (filters.sort === 'next_session') {
    query
      .orderByRaw('case when ranked_sessions.starts_at is null then 1 else 0 end')
      .orderBy('ranked_sessions.starts_at', 'asc')
  }
  query.orderBy('courses.title', 'asc').orderBy('courses.id', 'asc')

  const page = await query.paginate(filters.page ?? 1, perPage)
  const entries: CatalogueEntry[] = page.all().map((course) => {
    const extras = course.$extras
    const startsAt = toDateTime(extras.next_starts_at)
    return {
      course,
      nextSession:
        extras.next_session_id && startsAt
          ? {
              id: Number(extras.next_session_id),
              startsAt,
              venue: extras.next_venue ?? null,
              location: extras.next_location ?? null,
              online: Boolean(extras.next_online_url),
              seatsLeft: Math.max(0, Number(extras.next_seats_left)),
            }
          : null,
    }
  })
  return { page, entries }
}

/* Upcoming scheduled sessions (or one session by id) with booked and waitlisted counts. */
function sessionsWithCounts() {
  return CourseSession.query()
    .leftJoin('enrolments', (join) => {
      join
        .on('enrolments.session_id', '=', 'course_sessions.id')
        .andOnIn('enrolments.status', ['booked', 'waitlisted'])
    })
    .groupBy('course_sessions.id')
    .select('course_sessions.*')
    .select(
      db.raw(`sum(case when enrolments.status = 'booked' then 1 else 0 end) as booked_count`),
      db.raw(
        `sum(case when enrolments.status = 'waitlisted' then 1 else 0 end) as waitlisted_count`
      )
    )
}

function counted(session: CourseSession): SessionWithCounts {
  const booked = Number(session.$extras.booked_count ?? 0)
  const waitlisted = Number(session.$extras.waitlisted_count ?? 0)
  return { session, booked, waitlisted, seatsLeft: Math.max(0, session.capacity - booked) }
}

/*
 * A course with its outcomes, audiences and upcoming scheduled sessions in
 * order of start, each with its counts. Any status: callers check the policy.
 */
export async function courseWithSessions(id: number, now = DateTime.now()) {
  const course = await withDetails(Course.query().where('id', id)).first()
  if (!course) return null
  const sessions = await sessionsWithCounts()
    .where('course_sessions.course_id', course.id)
    .where('course_sessions.status', 'scheduled')
    .where('course_sessions.starts_at', '>', sqlTime(now))
    .orderBy('course_sessions.starts_at', 'asc')
    .orderBy('course_sessions.id', 'asc')
  return { course, sessions: sessions.map(counted) }
}

/* One session, whatever its status or date, with its course and counts. */
export async function sessionWithCounts(id: number) {
  const session = await sessionsWithCounts()
    .where('course_sessions.id', id)
    .preload('course', (course) => course.preload('provider'))
    .first()
  return session ? counted(session) : null
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
    nextStartsAt: toDateTime(row.next_starts_at),
  }))
}

/* The choices of the catalogue's filters: only ones that can find a published course, but roles. */
export async function catalogueOptions(now = DateTime.now()) {
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
