import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Enrolment from '#models/enrolment'
import type LearningRecord from '#models/learning_record'
import type SkillClaim from '#models/skill_claim'
import { LearningRecordSources } from '#enums/learning'
import type CourseSession from '#models/course_session'
import {
  attendanceMayBeMarked,
  canMove,
  completionDateRefusal,
  defaultCompletionDate,
  type CompletionDateRefusal,
} from '#domain/learning/enrolment_rules'
import { UK_ZONE } from '#domain/shared/uk_time'
import {
  announceAfterCommit,
  lockSession,
  seatTransaction,
  sessionIdOf,
} from '#actions/learning/seat_allocation'
import { recordCompletion } from '#actions/learning/record_completion'

export type AttendanceMark = 'attended' | 'no_show' | 'completed'

type SessionRefusal =
  | { type: 'not_started' }
  | { type: 'session_cancelled' }
  | { type: CompletionDateRefusal; sessionFirstDay: string }

type Marked = {
  type: 'marked'
  enrolment: Enrolment
  learningRecord?: LearningRecord
  claims: SkillClaim[]
}

export type AttendanceResult =
  Marked | { type: 'not_found' } | SessionRefusal | { type: 'not_allowed'; enrolment: Enrolment }

export type AttendanceOptions = {
  /* The day to record a completion on, as an ISO date; by default the session's last day. */
  completedOn?: string | null
}

function ukDay(value: DateTime | Date) {
  const time = value instanceof Date ? DateTime.fromJSDate(value) : value
  return time.setZone(UK_ZONE).toISODate()!
}

/*
 * What stops attendance being recorded on a locked session at all: it was
 * cancelled, has not started, or the completion day is out of its bounds.
 * Gives the completion day otherwise.
 */
function sessionRefusal(
  session: CourseSession,
  mark: AttendanceMark,
  now: Date,
  options: AttendanceOptions
): SessionRefusal | { type: 'open'; completedOn: string } {
  if (session.status === 'cancelled') return { type: 'session_cancelled' }
  if (!attendanceMayBeMarked(session.facts, now)) return { type: 'not_started' }
  const today = ukDay(now)
  const sessionFirstDay = ukDay(session.startsAt)
  const completedOn = options.completedOn ?? defaultCompletionDate(ukDay(session.endsAt), today)
  if (mark === 'completed') {
    const refusal = completionDateRefusal(completedOn, sessionFirstDay, today)
    if (refusal) return { type: refusal, sessionFirstDay }
  }
  return { type: 'open', completedOn }
}

/* Moves one enrolment of the locked session to the mark, writing the completion when it is one. */
async function markOne(
  trx: TransactionClientContract,
  session: CourseSession,
  enrolment: Enrolment,
  mark: AttendanceMark,
  completedOn: string,
  now: Date
): Promise<Marked | { type: 'not_allowed'; enrolment: Enrolment }> {
  if (!canMove(enrolment.status, mark)) return { type: 'not_allowed', enrolment }

  enrolment.useTransaction(trx)
  enrolment.merge({ status: mark, attendanceMarkedAt: DateTime.fromJSDate(now) })
  if (mark === 'no_show') enrolment.activeSessionId = null
  if (mark === 'attended') enrolment.activeSessionId = session.id
  if (mark !== 'completed') {
    await enrolment.save()
    return { type: 'marked', enrolment, claims: [] }
  }

  enrolment.merge({ completedAt: DateTime.fromJSDate(now), activeSessionId: null })
  await enrolment.save()
  const { learningRecord, claims } = await recordCompletion(trx, {
    userId: enrolment.userId,
    courseId: session.courseId,
    completedOn,
    source: LearningRecordSources.Enrolment,
    enrolmentId: enrolment.id,
  })
  announceAfterCommit(trx, enrolment.id, ['completed'])
  return { type: 'marked', enrolment, learningRecord, claims }
}

/*
 * A course admin records attendance: attended or no-show once the session
 * has started, then completed, which writes the learning record (on the
 * session's last day unless the admin gives another day, never before the
 * session's first day nor after today) and a skill claim for each outcome
 * above the learner's current level.
 */
export async function recordAttendance(
  enrolmentId: number,
  mark: AttendanceMark,
  now = new Date(),
  options: AttendanceOptions = {}
): Promise<AttendanceResult> {
  const sessionId = await sessionIdOf(enrolmentId)
  if (!sessionId) return { type: 'not_found' }
  return seatTransaction(async (trx): Promise<AttendanceResult> => {
    const session = (await lockSession(trx, sessionId))!
    const open = sessionRefusal(session, mark, now, options)
    if (open.type !== 'open') return open
    const enrolment = await Enrolment.query({ client: trx }).where('id', enrolmentId).firstOrFail()
    return markOne(trx, session, enrolment, mark, open.completedOn, now)
  })
}

export type ManyAttendanceResult =
  | {
      type: 'recorded'
      /* The enrolments moved, each with its learner loaded. */
      marked: Marked[]
      /* Those whose status does not allow the mark, left as they were. */
      refused: Enrolment[]
      completedOn: string
    }
  | { type: 'none_on_session' }
  | SessionRefusal

/*
 * A course admin records the same attendance for many people on one
 * session at once: one lock, one transaction, each enrolment moved by the
 * same rules as one at a time (and audited one by one). People whose
 * status does not allow the mark are left as they were and named; ids not
 * on this session are ignored.
 */
export async function recordAttendanceForMany(
  sessionId: number,
  enrolmentIds: number[],
  mark: AttendanceMark,
  now = new Date(),
  options: AttendanceOptions = {}
): Promise<ManyAttendanceResult> {
  return seatTransaction(async (trx): Promise<ManyAttendanceResult> => {
    const session = await lockSession(trx, sessionId)
    if (!session) return { type: 'none_on_session' }
    const open = sessionRefusal(session, mark, now, options)
    if (open.type !== 'open') return open
    const enrolments = enrolmentIds.length
      ? await Enrolment.query({ client: trx })
          .where('session_id', session.id)
          .whereIn('id', [...new Set(enrolmentIds)])
          .preload('user')
          .orderBy('id')
      : []
    if (!enrolments.length) return { type: 'none_on_session' }
    const marked: Marked[] = []
    const refused: Enrolment[] = []
    for (const enrolment of enrolments) {
      const result = await markOne(trx, session, enrolment, mark, open.completedOn, now)
      if (result.type === 'marked') marked.push(result)
      else refused.push(result.enrolment)
    }
    return { type: 'recorded', marked, refused, completedOn: open.completedOn }
  })
}
