import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import Enrolment from '#models/enrolment'
import User from '#models/user'
import {
  EnrolmentStatuses,
  learningRecordRecordedBy,
  type EnrolmentStatus,
  type LearningRecordSource,
} from '#enums/learning'
import { enrolRefusal, learnerMayCancel, canMove } from '#domain/learning/enrolment_rules'
import {
  UK_ZONE,
  UkFormats,
  dateFromSql,
  instantFromSql,
  isoDateFromSql,
} from '#domain/shared/uk_time'
import { validityWords } from '#domain/learning/required_learning'
import { pageOfRows } from '#queries/paging'

const SQL_DATE_TIME = 'yyyy-MM-dd HH:mm:ss'

function clock(value: DateTime) {
  return value.toFormat(value.minute === 0 ? 'ha' : 'h:mma').toLowerCase()
}

/* "Tuesday 3 June 2025, 9:30am to 4:30pm", in UK time whatever the server's zone. */
export function sessionWhen(startsAt: DateTime, endsAt: DateTime) {
  const start = startsAt.setZone(UK_ZONE)
  const end = endsAt.setZone(UK_ZONE)
  const day = start.toFormat(UkFormats.weekdayDate)
  if (start.hasSame(end, 'day')) return `${day}, ${clock(start)} to ${clock(end)}`
  return `${day}, ${clock(start)} to ${end.toFormat(UkFormats.weekdayDate)}, ${clock(end)}`
}

/* "3 June 2025" in UK time. */
export function ukDate(value: DateTime) {
  return value.setZone(UK_ZONE).toFormat(UkFormats.longDate)
}

/* "3 June 2025 at 5pm" in UK time. */
export function ukDateTime(value: DateTime) {
  const local = value.setZone(UK_ZONE)
  return `${local.toFormat(UkFormats.longDate)} at ${clock(local)}`
}

/* Venue and town, or "Online" for a session with only a joining link. */
export function sessionPlace(row: {
  venue: string | null
  location: string | null
  onlineUrl: string | null
}) {
  const where = [row.venue, row.location].filter(Boolean).join(', ')
  if (where && row.onlineUrl) return `${where}, or online`
  return where || (row.onlineUrl ? 'Online' : 'To be confirmed')
}

/* A learner's enrolments, each joined to its session and course. */
export function learnerEnrolments(userId: number) {
  return db
    .from('enrolments')
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .join('courses', 'courses.id', 'course_sessions.course_id')
    .where('enrolments.user_id', userId)
}

/* The columns every list of a learner's enrolments shows, in one joined row. */
function enrolmentsWithSession(userId: number) {
  return learnerEnrolments(userId).select(
    'enrolments.id',
    'enrolments.status',
    'enrolments.waitlist_position',
    'enrolments.request_note',
    'enrolments.decision_reason',
    'enrolments.cancellation_reason',
    'enrolments.created_at',
    'enrolments.decided_at',
    'enrolments.cancelled_at',
    'enrolments.completed_at',
    'course_sessions.id as session_id',
    'course_sessions.starts_at',
    'course_sessions.ends_at',
    'course_sessions.booking_closes_at',
    'course_sessions.venue',
    'course_sessions.location',
    'course_sessions.online_url',
    'course_sessions.status as session_status',
    'courses.id as course_id',
    'courses.code as course_code',
    'courses.title as course_title'
  )
}

export type LearnerEnrolment = ReturnType<typeof learnerEnrolment>

/* One joined row as the pages and the API use it. */
function learnerEnrolment(row: Record<string, any>, now = DateTime.now()) {
  const startsAt = instantFromSql(row.starts_at)!
  const endsAt = instantFromSql(row.ends_at)!
  const bookingClosesAt = instantFromSql(row.booking_closes_at)!
  const status = row.status as EnrolmentStatus
  const session = {
    id: Number(row.session_id),
    startsAt,
    endsAt,
    bookingClosesAt,
    venue: row.venue as string | null,
    location: row.location as string | null,
    onlineUrl: row.online_url as string | null,
    status: row.session_status as 'scheduled' | 'cancelled',
  }
  return {
    id: Number(row.id),
    status,
    position: row.waitlist_position === null ? null : Number(row.waitlist_position),
    requestNote: row.request_note as string | null,
    decisionReason: row.decision_reason as string | null,
    cancellationReason: row.cancellation_reason as string | null,
    requestedOn: ukDate(instantFromSql(row.created_at)!),
    decidedAt: instantFromSql(row.decided_at),
    cancelledAt: instantFromSql(row.cancelled_at),
    session,
    course: {
      id: Number(row.course_id),
      code: row.course_code as string,
      title: row.course_title as string,
    },
    when: sessionWhen(startsAt, endsAt),
    place: sessionPlace(session),
    bookingClosesOn: ukDateTime(bookingClosesAt),
    learnerMayCancel: learnerMayCancel(
      status,
      {
        status: session.status,
        startsAt: startsAt.toJSDate(),
        bookingClosesAt: bookingClosesAt.toJSDate(),
      },
      now.toJSDate()
    ),
    cancellable: canMove(status, EnrolmentStatuses.Cancelled),
  }
}

const WAITING_STATUSES: EnrolmentStatus[] = [
  EnrolmentStatuses.Requested,
  EnrolmentStatuses.Waitlisted,
]

/*
 * "Now" in the form timestamps are stored in (Lucid writes the server's
 * local time), so SQL can compare it with session times on both databases.
 */
function sqlNow(now: DateTime) {
  return now.toLocal().toFormat(SQL_DATE_TIME)
}

/* Requests, waiting-list places and bookings for sessions that have not yet ended. */
function whereCurrent(query: DatabaseQueryBuilderContract, now: DateTime) {
  return query.where((where) => {
    where
      .whereIn('enrolments.status', WAITING_STATUSES)
      .orWhere((booked) =>
        booked
          .where('enrolments.status', EnrolmentStatuses.Booked)
          .where('course_sessions.ends_at', '>', sqlNow(now))
      )
  })
}

function whereHistory(query: DatabaseQueryBuilderContract, now: DateTime) {
  return query.where((where) => {
    where
      .whereNotIn('enrolments.status', [...WAITING_STATUSES, EnrolmentStatuses.Booked])
      .orWhere((booked) =>
        booked
          .where('enrolments.status', EnrolmentStatuses.Booked)
          .where('course_sessions.ends_at', '<=', sqlNow(now))
      )
  })
}

/*
 * What "My learning" shows: current bookings, requests and waiting-list
 * places (few, so all of them) and a page of history, newest session first.
 */
export async function myLearning(userId: number, historyPage = 1, perPage = 20) {
  const now = DateTime.now()
  const current = await whereCurrent(enrolmentsWithSession(userId), now)
    .orderBy('course_sessions.starts_at', 'asc')
    .orderBy('enrolments.id', 'asc')
  const history = await whereHistory(enrolmentsWithSession(userId), now)
    .orderBy('course_sessions.starts_at', 'desc')
    .orderBy('enrolments.id', 'desc')
    .paginate(historyPage, perPage)
  const rows = current.map((row) => learnerEnrolment(row, now))
  return {
    upcoming: rows.filter((row) => row.status === EnrolmentStatuses.Booked),
    requested: rows.filter((row) => row.status === EnrolmentStatuses.Requested),
    waitlisted: rows.filter((row) => row.status === EnrolmentStatuses.Waitlisted),
    history: history.all().map((row) => learnerEnrolment(row, now)),
    historyMeta: history.getMeta() as { total: number; currentPage: number; lastPage: number },
  }
}

/* One of the learner's own enrolments, or null when it is not theirs. */
export async function ownEnrolment(userId: number, enrolmentId: number) {
  const row = await enrolmentsWithSession(userId)
    .join('providers', 'providers.id', 'courses.provider_id')
    .select('providers.name as provider_name')
    .where('enrolments.id', enrolmentId)
    .first()
  if (!row) return null
  return { ...learnerEnrolment(row), providerName: row.provider_name as string }
}

/* A page of the learner's enrolments for the API, optionally of one status. */
export async function enrolmentPage(
  userId: number,
  filters: { status?: EnrolmentStatus; page: number; perPage: number }
) {
  const query = enrolmentsWithSession(userId)
  if (filters.status) query.where('enrolments.status', filters.status)
  const page = await pageOfRows(
    query.orderBy('course_sessions.starts_at', 'desc').orderBy('enrolments.id', 'desc'),
    filters.page,
    filters.perPage
  )
  const meta = page.getMeta() as { total: number; currentPage: number; perPage: number }
  return { rows: page.all().map((row) => learnerEnrolment(row)), meta }
}

/*
 * What the enrolment confirmation page needs about a session of a published
 * course: seats taken and the waiting list counted in SQL, whether the
 * learner may enrol now, and any place or request they already hold.
 */
export async function sessionOffer(sessionId: number, userId: number, now = DateTime.now()) {
  const count = (status: EnrolmentStatus, alias: string) =>
    db
      .from('enrolments')
      .whereColumn('enrolments.session_id', 'course_sessions.id')
      .where('enrolments.status', status)
      .count('*')
      .as(alias)
  const row = await db
    .from('course_sessions')
    .join('courses', 'courses.id', 'course_sessions.course_id')
    .join('providers', 'providers.id', 'courses.provider_id')
    .where('course_sessions.id', sessionId)
    .where('courses.status', 'published')
    .select(
      'course_sessions.*',
      'courses.title as course_title',
      'courses.code as course_code',
      'courses.requires_approval',
      'courses.cost_pence',
      'providers.name as provider_name',
      count(EnrolmentStatuses.Booked, 'booked_count'),
      count(EnrolmentStatuses.Waitlisted, 'waitlisted_count')
    )
    .first()
  if (!row) return null

  const existing = await db
    .from('enrolments')
    .where('active_session_id', sessionId)
    .where('user_id', userId)
    .select('id', 'status', 'waitlist_position')
    .first()

  const startsAt = instantFromSql(row.starts_at)!
  const endsAt = instantFromSql(row.ends_at)!
  const bookingClosesAt = instantFromSql(row.booking_closes_at)!
  const capacity = Number(row.capacity)
  const booked = Number(row.booked_count)
  const waiting = Number(row.waitlisted_count)
  return {
    session: {
      id: Number(row.id),
      when: sessionWhen(startsAt, endsAt),
      place: sessionPlace({ venue: row.venue, location: row.location, onlineUrl: row.online_url }),
      bookingClosesOn: ukDateTime(bookingClosesAt),
      capacity,
      seatsLeft: Math.max(0, capacity - booked),
      waiting,
    },
    course: {
      id: Number(row.course_id),
      title: row.course_title as string,
      code: row.course_code as string,
      requiresApproval: Boolean(row.requires_approval),
      costPence: Number(row.cost_pence),
      providerName: row.provider_name as string,
    },
    refusal: enrolRefusal(
      {
        status: row.status,
        startsAt: startsAt.toJSDate(),
        bookingClosesAt: bookingClosesAt.toJSDate(),
      },
      now.toJSDate()
    ),
    existing: existing
      ? {
          id: Number(existing.id),
          status: existing.status as EnrolmentStatus,
          position: existing.waitlist_position === null ? null : Number(existing.waitlist_position),
        }
      : null,
  }
}

export type SessionOffer = NonNullable<Awaited<ReturnType<typeof sessionOffer>>>

/* A page of the learner's learning record, newest first. */
export async function learningRecordPage(userId: number, page = 1, perPage = 20) {
  const result = await db
    .from('learning_records')
    .leftJoin('courses', 'courses.id', 'learning_records.course_id')
    .where('learning_records.user_id', userId)
    .select(
      'learning_records.id',
      'learning_records.course_id',
      'learning_records.title',
      'learning_records.provider_name',
      'learning_records.completed_on',
      'learning_records.source',
      'learning_records.evidence_url',
      'courses.validity_months'
    )
    .orderBy('learning_records.completed_on', 'desc')
    .orderBy('learning_records.id', 'desc')
    .paginate(page, perPage)
  const today = DateTime.now().setZone(UK_ZONE).toISODate()!
  return {
    rows: result.all().map((row) => ({
      id: Number(row.id),
      courseId: row.course_id === null ? null : Number(row.course_id),
      title: row.title as string,
      providerName: row.provider_name as string | null,
      completedOn: dateFromSql(row.completed_on)!.toFormat(UkFormats.longDate),
      /* "Valid until 7 December 2029", "Expired on …"; null when the course's completions do not expire. */
      validity: validityWords(
        isoDateFromSql(row.completed_on)!,
        row.validity_months === null ? null : Number(row.validity_months),
        today
      ),
      recordedBy: learningRecordRecordedBy[row.source as LearningRecordSource],
      source: row.source as LearningRecordSource,
      evidenceUrl: row.evidence_url as string | null,
    })),
    meta: result.getMeta() as { total: number; currentPage: number; lastPage: number },
  }
}

/* Skill levels the learner has claimed that their line manager has yet to confirm. */
export async function pendingSkillClaims(userId: number) {
  const rows = await db
    .from('skill_claims')
    .join('skills', 'skills.id', 'skill_claims.skill_id')
    .leftJoin('learning_records', 'learning_records.id', 'skill_claims.learning_record_id')
    .where('skill_claims.user_id', userId)
    .where('skill_claims.status', 'pending')
    .select(
      'skill_claims.id',
      'skill_claims.level',
      'skill_claims.created_at',
      'skills.name as skill_name',
      'learning_records.title as learning_title'
    )
    .orderBy('skill_claims.created_at', 'desc')
    .orderBy('skill_claims.id', 'desc')
  return rows.map((row) => ({
    id: Number(row.id),
    level: Number(row.level),
    skillName: row.skill_name as string,
    learningTitle: row.learning_title as string | null,
    claimedOn: ukDate(instantFromSql(row.created_at)!),
  }))
}

export type DecidedSkillClaim = {
  id: number
  skillName: string
  /* The level claimed, and the one the line manager recorded. */
  level: number
  recordedLevel: number | null
  outcome: 'agreed' | 'changed' | 'rejected'
  /* The manager's comment; for a rejection, the reason they gave. */
  comment: string | null
  managerName: string | null
  learningTitle: string | null
  decidedOn: string
}

/*
 * The learner's skill claims their line manager has decided, latest first,
 * with the level recorded (the manager's assessment written with the
 * decision) and what the manager wrote, the reason for a rejection above all.
 */
export async function decidedSkillClaims(userId: number, limit = 20): Promise<DecidedSkillClaim[]> {
  const recorded = db
    .from('skill_assessments as sa')
    .whereColumn('sa.user_id', 'skill_claims.user_id')
    .whereColumn('sa.skill_id', 'skill_claims.skill_id')
    .whereColumn('sa.assessed_by', 'skill_claims.decided_by')
    .whereColumn('sa.assessed_at', '<=', 'skill_claims.decided_at')
    .where('sa.source', 'manager')
    .orderBy('sa.assessed_at', 'desc')
    .orderBy('sa.id', 'desc')
    .select('sa.level')
    .limit(1)
    .as('recorded_level')
  const rows = await db
    .from('skill_claims')
    .join('skills', 'skills.id', 'skill_claims.skill_id')
    .leftJoin('learning_records', 'learning_records.id', 'skill_claims.learning_record_id')
    .leftJoin('users as managers', 'managers.id', 'skill_claims.decided_by')
    .where('skill_claims.user_id', userId)
    .whereIn('skill_claims.status', ['validated', 'rejected'])
    .select(
      'skill_claims.id',
      'skill_claims.level',
      'skill_claims.status',
      'skill_claims.comment',
      'skill_claims.decided_at',
      'skills.name as skill_name',
      'learning_records.title as learning_title',
      'managers.full_name as manager_name'
    )
    .select(recorded)
    .orderBy('skill_claims.decided_at', 'desc')
    .orderBy('skill_claims.id', 'desc')
    .limit(limit)
  return rows.map((row) => {
    const level = Number(row.level)
    const recordedLevel = row.recorded_level === null ? null : Number(row.recorded_level)
    let outcome: DecidedSkillClaim['outcome'] = 'rejected'
    if (row.status === 'validated') {
      outcome = recordedLevel === null || recordedLevel === level ? 'agreed' : 'changed'
    }
    return {
      id: Number(row.id),
      skillName: row.skill_name as string,
      level,
      recordedLevel,
      outcome,
      comment: (row.comment as string | null) ?? null,
      managerName: (row.manager_name as string | null) ?? null,
      learningTitle: row.learning_title as string | null,
      decidedOn: row.decided_at ? ukDate(instantFromSql(row.decided_at)!) : '',
    }
  })
}

/* The learner's own booked or attended session, for its calendar invite. */
export function inviteEnrolment(userId: number, enrolmentId: number) {
  return Enrolment.query()
    .where('id', enrolmentId)
    .where('user_id', userId)
    .whereIn('status', [EnrolmentStatuses.Booked, EnrolmentStatuses.Attended])
    .preload('session', (session) => session.preload('course'))
    .first()
}

/* The learner's line manager's name, or null when the service knows of none. */
export async function lineManagerName(lineManagerId: number | null) {
  if (!lineManagerId) return null
  const manager = await User.query().where('id', lineManagerId).select('id', 'full_name').first()
  return manager?.fullName ?? null
}
