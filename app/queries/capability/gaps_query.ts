import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { individualGaps, type GapLine, type IndividualGaps } from '#domain/capability/gap_engine'
import { skillEvidence } from '#queries/capability/skill_evidence_query'
import { requirementsOf } from '#queries/framework/framework_query'
import { courseHoldings } from '#queries/learning/course_holdings_query'
import type { CourseHolding } from '#domain/learning/enrolment_rules'
import type { RoleAssignmentKind } from '#enums/capability'
import { SkillClaimStatuses } from '#enums/learning'
import type { CatalogueFilters, MyCatalogueFacts } from '#queries/learning/catalogue_query'
import { instantFromSql } from '#domain/shared/uk_time'

/*
 * Reads for a person's gap view: the role level they hold (or aim for),
 * their gaps from the gap engine, the published courses that close all or
 * part of each gap with their next bookable sessions (all gaps in one
 * query), what the person already holds of those courses, and the skill
 * levels they claimed from completed courses that wait for their line manager.
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
  costPence: number
  requiresApproval: boolean
  /* Mandatory for the role profile the gaps are measured against. */
  mandatory: boolean
  sessions: RecommendedSession[]
}

export type GapView = {
  roleLevel: { id: number; name: string; roleName: string }
  gaps: IndividualGaps
  courses: Map<number, RecommendedCourse[]>
  /* What the person holds of each course found, by course id. */
  holdings: Map<number, CourseHolding>
  /* The highest level claimed from a completed course and waiting for the line manager, by skill id. */
  pendingClaims: Map<number, number>
}

/* Timestamps are stored as wall-clock time in the application's zone, as Lucid writes them. */
function sqlTime(value: DateTime) {
  return value.toLocal().toFormat('yyyy-MM-dd HH:mm:ss')
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
 * Published courses that bring each gap's skill above the level that
 * counts now (to the required level or part of the way), each marked when
 * it is mandatory for the role profile, with its next scheduled sessions
 * whose booking is still open and their seats left: one query for every
 * gap together.
 */
export async function coursesClosingGaps(
  lines: Pick<GapLine, 'skillId' | 'required' | 'gap' | 'current'>[],
  now = DateTime.now(),
  roleProfileId: number | null = null
) {
  const open = lines.filter((line) => line.gap > 0)
  const result = new Map<number, RecommendedCourse[]>()
  if (!open.length) return result

  const courses = await db
    .from('course_outcomes')
    .join('courses', 'courses.id', 'course_outcomes.course_id')
    .leftJoin('course_audiences', (join) =>
      join
        .on('course_audiences.course_id', '=', 'courses.id')
        .andOnVal('course_audiences.role_profile_id', '=', roleProfileId ?? 0)
        .andOnVal('course_audiences.kind', '=', 'mandatory')
    )
    .where('courses.status', 'published')
    .where((where) => {
      for (const line of open) {
        where.orWhere((pair) =>
          pair
            .where('course_outcomes.skill_id', line.skillId)
            .where('course_outcomes.level', '>', line.current)
        )
      }
    })
    .select(
      'course_outcomes.skill_id',
      'course_outcomes.level',
      'courses.id as course_id',
      'courses.code',
      'courses.title',
      'courses.cost_pence',
      'courses.requires_approval',
      'course_audiences.id as mandatory_audience_id'
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
      startsAt: instantFromSql(row.starts_at)!,
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
      costPence: Number(row.cost_pence),
      requiresApproval: Boolean(row.requires_approval),
      mandatory: row.mandatory_audience_id !== null && row.mandatory_audience_id !== undefined,
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
  const courses = await coursesClosingGaps(gaps.lines, now, found.level.roleProfileId)
  const courseIds = [...courses.values()].flatMap((list) => list.map((course) => course.id))
  const [holdings, pendingClaims] = await Promise.all([
    courseHoldings(userId, courseIds),
    pendingClaimLevels(
      userId,
      gaps.lines.filter((line) => line.gap > 0).map((line) => line.skillId)
    ),
  ])
  return {
    roleLevel: {
      id: found.level.id,
      name: found.level.name,
      roleName: found.level.roleProfile.name,
    },
    gaps,
    courses,
    holdings,
    pendingClaims,
  }
}

/*
 * What "for my role" and "for my gaps" mean in the catalogue for one
 * person: the role profile of the role level they hold now, and the skills
 * they are below its level in, each at the level that counts now.
 */
export async function myCatalogueFacts(userId: number): Promise<MyCatalogueFacts> {
  const roleLevelId = await activeRoleLevelId(userId, 'current')
  const found = roleLevelId ? await requirementsOf(roleLevelId) : null
  if (!found) return { roleProfileId: null, gaps: [] }
  const evidence = await skillEvidence(
    userId,
    found.requirements.map((requirement) => requirement.skillId)
  )
  const gaps = individualGaps(found.requirements, evidence)
    .lines.filter((line) => line.gap > 0)
    .map((line) => ({ skillId: line.skillId, current: line.current }))
  return { roleProfileId: found.level.roleProfileId, gaps }
}

/* The catalogue's filters with "for my role" and "for my gaps" read for the person asking. */
export async function forPerson<Filters extends CatalogueFilters>(
  userId: number,
  filters: Filters
): Promise<Filters & { mine?: MyCatalogueFacts }> {
  if (!filters.forMyRole && !filters.forMyGaps) return filters
  return { ...filters, mine: await myCatalogueFacts(userId) }
}

/* The highest level per skill a person claimed from completed courses that waits for their line manager. */
export async function pendingClaimLevels(userId: number, skillIds: number[]) {
  const result = new Map<number, number>()
  if (!skillIds.length) return result
  const rows = await db
    .from('skill_claims')
    .where('user_id', userId)
    .where('status', SkillClaimStatuses.Pending)
    .whereIn('skill_id', skillIds)
    .groupBy('skill_id')
    .select('skill_id')
    .max('level as level')
  for (const row of rows) result.set(Number(row.skill_id), Number(row.level))
  return result
}
