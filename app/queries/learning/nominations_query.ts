import db from '@adonisjs/lucid/services/db'
import type { OrganisationScope } from '#services/organisation_scope'
import { instantFromSql } from '#domain/shared/uk_time'
import type { NominationOutcome, NominationSource } from '#domain/learning/nomination'
import { formatDayTime, formatSessionTimes } from '#transformers/learning_transformer'
import { EnrolmentStatuses } from '#enums/learning'

/*
 * Reads for nomination: the session people are booked on, the people a
 * nominator can pick from, and a nomination's stored result.
 */

/* A session of a published course, as the nomination page describes it; null when there is none. */
export async function nominationSession(sessionId: number) {
  const row = await db
    .from('course_sessions')
    .join('courses', 'courses.id', 'course_sessions.course_id')
    .where('course_sessions.id', sessionId)
    .where('courses.status', 'published')
    .select(
      'course_sessions.id',
      'course_sessions.starts_at',
      'course_sessions.ends_at',
      'course_sessions.booking_closes_at',
      'course_sessions.capacity',
      'course_sessions.status',
      'courses.id as course_id',
      'courses.title as course_title',
      'courses.code as course_code',
      'courses.requires_approval',
      db
        .from('enrolments')
        .whereColumn('enrolments.session_id', 'course_sessions.id')
        .where('enrolments.status', EnrolmentStatuses.Booked)
        .count('*')
        .as('booked_count')
    )
    .first()
  if (!row) return null
  const startsAt = instantFromSql(row.starts_at)!
  const capacity = Number(row.capacity)
  return {
    id: Number(row.id),
    courseId: Number(row.course_id),
    courseTitle: String(row.course_title),
    courseCode: String(row.course_code),
    requiresApproval: Boolean(row.requires_approval),
    when: formatSessionTimes(startsAt, instantFromSql(row.ends_at)!),
    bookingCloses: formatDayTime(instantFromSql(row.booking_closes_at)!),
    cancelled: row.status === 'cancelled',
    capacity,
    seatsLeft: Math.max(0, capacity - Number(row.booked_count)),
  }
}

export type NominationSession = NonNullable<Awaited<ReturnType<typeof nominationSession>>>

/* A line manager's active direct reports, by name. */
export async function directReports(managerId: number) {
  const rows = await db
    .from('users')
    .where('line_manager_id', managerId)
    .whereNull('deactivated_at')
    .orderBy('full_name')
    .orderBy('id')
    .select('id', 'full_name', 'email')
  return rows.map((row) => ({
    id: Number(row.id),
    fullName: String(row.full_name),
    email: String(row.email),
  }))
}

/* The active members of a team in the scope, by id; null when the team is outside it. */
export async function teamMembers(teamId: number, scope: OrganisationScope) {
  const team = scope.apply(db.from('teams').where('id', teamId), 'organisation_id')
  if (!(await team.select('id').first())) return null
  const rows = await db
    .from('users')
    .where('team_id', teamId)
    .whereNull('deactivated_at')
    .orderBy('full_name')
    .orderBy('id')
    .select('id')
  return rows.map((row) => Number(row.id))
}

/* One nomination of the nominator's, with where it booked people; null for anyone else's. */
export async function ownNomination(nominatorId: number, nominationId: number) {
  const row = await db
    .from('nominations')
    .join('courses', 'courses.id', 'nominations.course_id')
    .leftJoin('course_sessions', 'course_sessions.id', 'nominations.session_id')
    .where('nominations.id', nominationId)
    .where('nominations.nominated_by', nominatorId)
    .select(
      'nominations.id',
      'nominations.source',
      'nominations.created_at',
      'nominations.session_id',
      'courses.id as course_id',
      'courses.title as course_title',
      'course_sessions.starts_at',
      'course_sessions.ends_at'
    )
    .first()
  if (!row) return null
  const startsAt = instantFromSql(row.starts_at)
  return {
    id: Number(row.id),
    source: row.source as NominationSource,
    madeAt: formatDayTime(instantFromSql(row.created_at)!),
    sessionId: row.session_id === null ? null : Number(row.session_id),
    courseId: Number(row.course_id),
    courseTitle: String(row.course_title),
    when: startsAt ? formatSessionTimes(startsAt, instantFromSql(row.ends_at)!) : null,
  }
}

export type OwnNomination = NonNullable<Awaited<ReturnType<typeof ownNomination>>>

/* Each person a nomination named, in the order named, with their name and address. */
export async function nominatedPeople(nominationId: number) {
  const rows = await db
    .from('nomination_people')
    .leftJoin('users', 'users.id', 'nomination_people.user_id')
    .where('nomination_people.nomination_id', nominationId)
    .orderBy('nomination_people.position')
    .select(
      'nomination_people.position',
      'nomination_people.user_id',
      'nomination_people.entered',
      'nomination_people.outcome',
      'nomination_people.enrolment_id',
      'nomination_people.waitlist_position',
      'users.full_name',
      'users.email'
    )
  // Someone the nominator may not book is shown by the address they gave, never by name.
  const hidden = (row: { outcome: string; full_name: unknown }) =>
    row.full_name === null || row.outcome === 'not_your_report'
  return rows.map((row) => ({
    position: Number(row.position),
    userId: row.user_id === null ? null : Number(row.user_id),
    name: hidden(row) ? null : String(row.full_name),
    email: row.email === null ? String(row.entered ?? '') : String(row.email),
    outcome: row.outcome as NominationOutcome,
    enrolmentId: row.enrolment_id === null ? null : Number(row.enrolment_id),
    waitlistPosition: row.waitlist_position === null ? null : Number(row.waitlist_position),
  }))
}

export type NominatedRow = Awaited<ReturnType<typeof nominatedPeople>>[number]

/* A published self-paced course, as the nomination page describes it; null when there is none. */
export async function nominationCourse(courseId: number) {
  const row = await db
    .from('courses')
    .where('id', courseId)
    .where('status', 'published')
    .where('delivery', 'self_paced')
    .select('id', 'title', 'code', 'requires_approval')
    .first()
  if (!row) return null
  return {
    id: Number(row.id),
    courseTitle: String(row.title),
    courseCode: String(row.code),
    requiresApproval: Boolean(row.requires_approval),
  }
}

/* The nominator's latest nominations, newest first, with where each booked people and how many. */
export async function recentNominations(nominatorId: number, limit = 10) {
  const rows = await db
    .from('nominations')
    .join('courses', 'courses.id', 'nominations.course_id')
    .leftJoin('course_sessions', 'course_sessions.id', 'nominations.session_id')
    .where('nominations.nominated_by', nominatorId)
    .orderBy('nominations.created_at', 'desc')
    .orderBy('nominations.id', 'desc')
    .limit(limit)
    .select(
      'nominations.id',
      'nominations.created_at',
      'courses.title as course_title',
      'course_sessions.starts_at',
      db
        .from('nomination_people')
        .whereColumn('nomination_people.nomination_id', 'nominations.id')
        .count('*')
        .as('people')
    )
  return rows.map((row) => {
    const startsAt = instantFromSql(row.starts_at)
    return {
      id: Number(row.id),
      madeAt: formatDayTime(instantFromSql(row.created_at)!),
      courseTitle: String(row.course_title),
      when: startsAt ? formatDayTime(startsAt) : 'Self-paced',
      people: Number(row.people),
    }
  })
}
