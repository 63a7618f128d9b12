import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import type LearningRecord from '#models/learning_record'
import type SkillClaim from '#models/skill_claim'
import { LearningRecordSources, SelfPacedStatuses } from '#enums/learning'
import { modulesComplete } from '#domain/learning/self_paced_rules'
import { UK_ZONE } from '#domain/shared/uk_time'
import { recordCompletion } from '#actions/learning/record_completion'

/*
 * Runs work on one self-paced enrolment in a transaction whose FIRST
 * statement locks the enrolment's row (SELECT … FOR UPDATE on MySQL;
 * SQLite has a single writer). Every change to a run's module progress
 * goes through it, so two requests finishing modules at the same moment
 * take turns, and the second sees what the first committed: the course is
 * completed once. The work gets null when there is no such enrolment.
 */
export function selfPacedTransaction<T>(
  enrolmentId: number,
  work: (trx: TransactionClientContract, enrolment: SelfPacedEnrolment | null) => Promise<T>
): Promise<T> {
  return db.transaction(async (trx) => {
    const query = SelfPacedEnrolment.query({ client: trx }).where('id', enrolmentId)
    if (trx.dialect.name !== 'better-sqlite3' && trx.dialect.name !== 'sqlite3') query.forUpdate()
    return work(trx, await query.first())
  })
}

export type CompleteSelfPacedResult =
  | {
      type: 'completed'
      enrolment: SelfPacedEnrolment
      learningRecord: LearningRecord
      claims: SkillClaim[]
    }
  | { type: 'not_in_progress'; enrolment: SelfPacedEnrolment }
  | { type: 'modules_outstanding'; enrolment: SelfPacedEnrolment }

/*
 * Completes a self-paced enrolment when every module that counts (the
 * required ones) is completed: the enrolment is completed, and the
 * completion is written as a classroom course's is (recordCompletion: the
 * learning record, skill claims). Call it inside selfPacedTransaction,
 * after recording a module's progress, with the enrolment it locked;
 * calling it again on a completed run changes nothing.
 */
export async function completeSelfPaced(
  trx: TransactionClientContract,
  enrolment: SelfPacedEnrolment,
  now = new Date()
): Promise<CompleteSelfPacedResult> {
  if (enrolment.status !== SelfPacedStatuses.InProgress)
    return { type: 'not_in_progress', enrolment }
  const modules = await trx
    .from('course_modules')
    .leftJoin('module_progress', (join) => {
      join
        .on('module_progress.module_id', '=', 'course_modules.id')
        .andOnVal('module_progress.self_paced_enrolment_id', '=', enrolment.id)
    })
    .where('course_modules.course_id', enrolment.courseId)
    .select('course_modules.id', 'course_modules.required', 'module_progress.status')
  const complete = modulesComplete(
    modules.map((row) => ({
      id: Number(row.id),
      required: Boolean(row.required),
      completed: row.status === 'completed',
    }))
  )
  if (!complete) return { type: 'modules_outstanding', enrolment }

  const completedAt = DateTime.fromJSDate(now)
  enrolment.useTransaction(trx)
  enrolment.merge({
    status: SelfPacedStatuses.Completed,
    completedAt,
    activeCourseId: null,
  })
  await enrolment.save()
  const { learningRecord, claims } = await recordCompletion(trx, {
    userId: enrolment.userId,
    courseId: enrolment.courseId,
    completedOn: completedAt.setZone(UK_ZONE).toISODate()!,
    source: LearningRecordSources.SelfPaced,
    selfPacedEnrolmentId: enrolment.id,
  })
  return { type: 'completed', enrolment, learningRecord, claims }
}
