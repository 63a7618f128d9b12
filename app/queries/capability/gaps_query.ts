import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { individualGaps, type GapLine, type IndividualGaps } from '#domain/capability/gap_engine'
import { skillEvidence } from '#queries/capability/skill_evidence_query'
import { requirementsOf } from '#queries/framework/framework_query'
import type { RoleAssignmentKind } from '#enums/capability'

/*
 * Reads for a person's gap view: the role level they hold (or aim for),
 * their gaps from the gap engine, and the published courses that close
 * each gap with their next bookable sessions, all gaps in one query.
 */

/* How many upcoming sessions are offered per recommended course. */
export const SESSIONS_PER_COURSE = 3

export type RecommendedSession = {
  id: number
  startsAt: DateTime
  venue: string | null
  location: string | null
  seatsLeft: number
}

export type RecommendedCourse = {
  id: number
  code: string
  title: string
  level: number
  sessions: RecommendedSession[]
}

export type GapView = {
  roleLevel: { id: number; name: string; roleName: string }
  gaps: IndividualGaps
  courses: Map<number, RecommendedCourse[]>
}

/* Timestamps are stored as wall-clock time in the application's zone, as Lucid writes them. */
function sqlTime(value: DateTime) {
  return value.toLocal().toFormat('yyyy-MM-dd HH:mm:ss')
}

/* A timestamp from a raw row: a Date from MySQL, a string from SQLite. */
function toDateTime(value: unknown): DateTime {
  if (value instanceof Date) return DateTime.fromJSDate(value)
  const parsed = DateTime.fromSQL(String(value))
  return parsed.isValid ? parsed : DateTime.fromISO(String(value))
}

/* The role level a person holds ("current") or aims for ("target"), while in force. */
export async function activeRoleLevelId(userId: number, kind: RoleAssignmentKind) {
  const row = await db
    .from('role_assignments')
    .where('user_id', userId)
    .where('active_kind', kind)
    .select('role_level_id')
    .first()
  return row ? Number(row.role_level_id) : null
}

/*
 * Published courses that bring each gap's skill to at least its required
 * level, each with its next scheduled sessions whose booking is still open
 * and their seats left: one query for every gap together.
 */
export async function coursesClosingGaps(
  lines: Pick<GapLine, 'skillId' | 'required' | 'gap'>[],
  now = DateTime.now()
) {
  const open = lines.filter((line) => line.gap > 0)
  const result = new Map<number, RecommendedCourse[]>()
  if (!open.length) return result

  const bookedSeats = db
    .from('enrolments')
    .where('status', 'booked')
    .groupBy('session_id')
    .select('session_id')
    .count('* as booked')
  const upcoming = db
    .from('course_sessions')
    .leftJoin('booked_seats', 'booked_seats.session_id', 'course_sessions.id')
    .where('course_sessions.status', 'scheduled')
    .where('course_sessions.starts_at', '>', sqlTime(now))
    .where('course_sessions.booking_closes_at', '>', sqlTime(now))
    .select(
      'course_sessions.id',
      'course_sessions.course_id',
      'course_sessions.starts_at',
      'course_sessions.venue',
      'course_sessions.location'
    )
    .select(
      db.raw('course_sessions.capacity - coalesce(booked_seats.booked, 0) as seats_left'),
      db.raw(
        'row_number() over (partition by course_sessions.course_id order by course_sessions.starts_at, course_sessions.id) as rn'
      )
    )

  const rows = await db
    .query()
    .with('booked_seats', bookedSeats)
    .with('upcoming', upcoming)
    .from('course_outcomes')
    .join('courses', 'courses.id', 'course_outcomes.course_id')
    .leftJoin('upcoming', (join) => {
      join
        .on('upcoming.course_id', '=', 'courses.id')
        .andOnVal('upcoming.rn', '<=', SESSIONS_PER_COURSE)
    })
    .where('courses.status', 'published')
    .where((where) => {
      for (const line of open) {
        where.orWhere((pair) =>
          pair
            .where('course_outcomes.skill_id', line.skillId)
            .where('course_outcomes.level', '>=', line.required)
        )
      }
    })
    .select(
      'course_outcomes.skill_id',
      'course_outcomes.level',
      'courses.id as course_id',
      'courses.code',
      'courses.title',
      'upcoming.id as session_id',
      'upcoming.starts_at',
      'upcoming.venue',
      'upcoming.location',
      'upcoming.seats_left'
    )
    .orderBy('course_outcomes.skill_id')
    .orderBy('course_outcomes.level')
    .orderBy('courses.title')
    .orderBy('courses.id')
    .orderBy('upcoming.rn')

  for (const row of rows) {
    const skillId = Number(row.skill_id)
    const list = result.get(skillId) ?? []
    result.set(skillId, list)
    let course = list.find((entry) => entry.id === Number(row.course_id))
    if (!course) {
      course = {
        id: Number(row.course_id),
        code: String(row.code),
        title: String(row.title),
        level: Number(row.level),
        sessions: [],
      }
      list.push(course)
    }
    if (row.session_id) {
      course.sessions.push({
        id: Number(row.session_id),
        startsAt: toDateTime(row.starts_at),
        venue: row.venue ?? null,
        location: row.location ?? null,
        seatsLeft: Math.max(0, Number(row.seats_left)),
      })
    }
  }
  return result
}

/*
 * A person's gaps against the role level they hold or aim for, with the
 * courses that close them; null when they have no such role level.
 */
export async function gapView(
  userId: number,
  toward: RoleAssignmentKind,
  now = DateTime.now()
): Promise<GapView | null> {
  const roleLevelId = await activeRoleLevelId(userId, toward)
  if (!roleLevelId) return null
  const found = await requirementsOf(roleLevelId)
  if (!found) return null
  const evidence = await skillEvidence(
    userId,
    found.requirements.map((requirement) => requirement.skillId)
  )
  const gaps = individualGaps(found.requirements, evidence)
  const courses = await coursesClosingGaps(gaps.lines, now)
  return {
    roleLevel: {
      id: found.level.id,
      name: found.level.name,
      roleName: found.level.roleProfile.name,
    },
    gaps,
    courses,
  }
}
