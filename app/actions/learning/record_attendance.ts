import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Enrolment from '#models/enrolment'
import Course from '#models/course'
import LearningRecord from '#models/learning_record'
import SkillClaim from '#models/skill_claim'
import { LearningRecordSources, SkillClaimStatuses } from '#enums/learning'
import { attendanceMayBeMarked, canMove } from '#domain/learning/enrolment_rules'
import {
  announceAfterCommit,
  lockSession,
  seatTransaction,
  sessionIdOf,
} from '#actions/learning/seat_allocation'
import { currentSkillLevels } from '#queries/learning/skill_levels_query'

export type AttendanceMark = 'attended' | 'no_show' | 'completed'

export type AttendanceResult =
  | { type: 'marked'; enrolment: Enrolment; learningRecord?: LearningRecord; claims: SkillClaim[] }
  | { type: 'not_found' }
  | { type: 'not_started' }
  | { type: 'session_cancelled' }
  | { type: 'not_allowed'; enrolment: Enrolment }

/*
 * A course admin records attendance: attended or no-show once the session
 * has started, then completed, which writes the learning record and a
 * skill claim for each outcome above the learner's current level.
 */
export async function recordAttendance(
  enrolmentId: number,
  mark: AttendanceMark,
  now = new Date()
): Promise<AttendanceResult> {
  const sessionId = await sessionIdOf(enrolmentId)
  if (!sessionId) return { type: 'not_found' }
  return seatTransaction(async (trx): Promise<AttendanceResult> => {
    const session = (await lockSession(trx, sessionId))!
    if (session.status === 'cancelled') return { type: 'session_cancelled' }
    if (!attendanceMayBeMarked(session.facts, now)) return { type: 'not_started' }
    const enrolment = await Enrolment.query({ client: trx }).where('id', enrolmentId).firstOrFail()
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
    const { learningRecord, claims } = await recordCompletion(trx, enrolment, session.courseId, now)
    announceAfterCommit(trx, enrolment.id, ['completed'])
    return { type: 'marked', enrolment, learningRecord, claims }
  })
}

async function recordCompletion(
  trx: TransactionClientContract,
  enrolment: Enrolment,
  courseId: number,
  now: Date
) {
  const course = await Course.query({ client: trx })
    .where('id', courseId)
    .preload('provider')
    .preload('outcomes')
    .firstOrFail()
  const learningRecord = await LearningRecord.create(
    {
      userId: enrolment.userId,
      courseId: course.id,
      enrolmentId: enrolment.id,
      title: course.title,
      providerName: course.provider.name,
      completedOn: DateTime.fromJSDate(now).setZone('Europe/London').startOf('day'),
      source: LearningRecordSources.Enrolment,
    },
    { client: trx }
  )
  const levels = await currentSkillLevels(
    trx,
    enrolment.userId,
    course.outcomes.map((outcome) => outcome.skillId)
  )
  const claims: SkillClaim[] = []
  for (const outcome of course.outcomes) {
    if (outcome.level <= (levels.get(outcome.skillId) ?? 0)) continue
    claims.push(
      await SkillClaim.create(
        {
          userId: enrolment.userId,
          skillId: outcome.skillId,
          level: outcome.level,
          learningRecordId: learningRecord.id,
          status: SkillClaimStatuses.Pending,
        },
        { client: trx }
      )
    )
  }
  return { learningRecord, claims }
}
