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

  const courses = await db
    .from('course_outcomes')
    .join('courses', 'courses.id', 'course_outcomes.course_id')
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
      'courses.title'
    )
    .orderBy('course_outcomes.skill_id')
    .orderBy('course_outcomes.level')
    .orderBy('courses.title')
    .orderBy('courses.id')
  if (!courses.length) return result

  // The first few sessions of those courses alone, seats counted for just those.
  const upcoming = db
    .from('course_sessions')
    .whereIn('course_sessions.course_id', [...new Set(courses.map((row) => Number(row.course_id)))])
    .where('course_sessions.status', 'scheduled')
    .where('course_sessions.starts_at', '>', sqlTime(now))
    .where('course_sessions.booking_closes_at', '>', sqlTime(now))
    .select(
      'course_sessions.id',
      'course_sessions.course_id',
      'course_sessions.starts_at',
      'course_sessions.venue',
      'course_sessions.location',
      'course_sessions.capacity'
    )
    .select(
      db.raw(
        'row_number() over (partition by course_sessions.course_id order by course_sessions.starts_at, course_sessions.id) as rn'
      )
    )
  const sessions = await db
    .from(upcoming.as('upcoming'))
    .where('upcoming.rn', '<=', SESSIONS_PER_COURSE)
    .select('upcoming.*')
    .select(
      db.raw(
        "upcoming.capacity - (select count(*) from enrolments where enrolments.session_id = upcoming.id and enrolments.status = 'booked') as seats_left"
      )
    )
    .orderBy('upcoming.course_id')
    .orderBy('upcoming.rn')
  const sessionsOf = new Map<number, RecommendedCourse['sessions']>()
  for (const row of sessions) {
    const courseId = Number(row.course_id)
    const list = sessionsOf.get(courseId) ?? []
    sessionsOf.set(courseId, list)
    list.push({
      id: Number(row.id),
      startsAt: toDateTime(row.starts_at),
      venue: row.venue ?? null,
      location: row.location ?? null,
      seatsLeft: Math.max(0, Number(row.seats_left)),
    })
  }

  for (const row of courses) {
    const skillId = Number(row.skill_id)
    const list = result.get(skillId) ?? []
    result.set(skillId, list)
    const courseId = Number(row.course_id)
    if (list.some((entry) => entry.id === courseId)) continue
    list.push({
      id: courseId,
      code: String(row.code),
      title: String(row.title),
      level: Number(row.level),
      sessions: (sessionsOf.get(courseId) ?? []).map((session) => ({ ...session })),
    })
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
