import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import CourseModule from '#models/course_module'
import ModuleProgress from '#models/module_progress'
import type SelfPacedEnrolment from '#models/self_paced_enrolment'
import { SelfPacedStatuses } from '#enums/learning'
import {
  completeSelfPaced,
  selfPacedTransaction,
  type CompleteSelfPacedResult,
} from '#actions/learning/complete_self_paced'

/*
 * A module's progress row for a run, made not started when there is none
 * yet. Call it inside selfPacedTransaction, which holds the run's lock.
 */
export async function progressOf(
  trx: TransactionClientContract,
  enrolment: SelfPacedEnrolment,
  moduleId: number
) {
  const existing = await ModuleProgress.query({ client: trx })
    .where('self_paced_enrolment_id', enrolment.id)
    .where('module_id', moduleId)
    .first()
  if (existing) {
    existing.useTransaction(trx)
    return existing
  }
  const progress = new ModuleProgress()
  progress.useTransaction(trx)
  progress.merge({
    selfPacedEnrolmentId: enrolment.id,
    moduleId,
    status: 'not_started',
    success: null,
    score: null,
    lastActivityAt: null,
    completedAt: null,
  })
  return progress
}

/* The learner's run in progress on the module's course, and the module: what both actions need. */
async function runFor(learnerId: number, moduleId: number) {
  const module = await CourseModule.find(moduleId)
  if (!module) return null
  const run = await db
    .from('self_paced_enrolments')
    .where('user_id', learnerId)
    .where('active_course_id', module.courseId)
    .select('id')
    .first()
  return run ? { module, enrolmentId: Number(run.id) } : null
}

export type OpenModuleResult =
  | { type: 'opened'; url: string; module: CourseModule }
  /* No such module, or not in a course the learner has in progress. */
  | { type: 'not_found' }
  /* An e-learning package is opened in its player, not by address. */
  | { type: 'package_module'; module: CourseModule }

/*
 * A learner opens a link, document or video module of a course they have
 * in progress: it is in progress from now (a completed one stays
 * completed), and they go on to its address.
 */
export async function openModule(
  learner: { id: number },
  moduleId: number,
  now = new Date()
): Promise<OpenModuleResult> {
  const found = await runFor(learner.id, moduleId)
  if (!found) return { type: 'not_found' }
  const { module } = found
  if (module.kind === 'scorm' || !module.url) return { type: 'package_module', module }
  return selfPacedTransaction(found.enrolmentId, async (trx, enrolment) => {
    if (enrolment?.status !== SelfPacedStatuses.InProgress) return { type: 'not_found' as const }
    const progress = await progressOf(trx, enrolment, module.id)
    if (progress.status === 'not_started') progress.status = 'in_progress'
    progress.lastActivityAt = DateTime.fromJSDate(now)
    await progress.save()
    return { type: 'opened' as const, url: module.url!, module }
  })
}

export type FinishModuleResult =
  | {
      type: 'finished'
      module: CourseModule
      /* Whether finishing it completed the course, and the completion when it did. */
      completion: CompleteSelfPacedResult
    }
  | { type: 'already_finished'; module: CourseModule; enrolmentId: number }
  /* The learner's latest run of the course is completed already: nothing changes. */
  | { type: 'course_completed'; module: CourseModule; enrolmentId: number }
  | { type: 'not_found' }
  | { type: 'package_module'; module: CourseModule }

/*
 * A learner says they have finished a link, document or video module:
 * it is completed, and when that completes every required module the
 * course is completed in the same transaction (completeSelfPaced).
 */
export async function finishModule(
  learner: { id: number },
  moduleId: number,
  now = new Date()
): Promise<FinishModuleResult> {
  const found = await runFor(learner.id, moduleId)
  if (!found) return completedBefore(learner.id, moduleId)
  const { module } = found
  if (module.kind === 'scorm') return { type: 'package_module', module }
  return selfPacedTransaction(found.enrolmentId, async (trx, enrolment) => {
    if (enrolment?.status === SelfPacedStatuses.Completed) {
      return { type: 'course_completed' as const, module, enrolmentId: enrolment.id }
    }
    if (enrolment?.status !== SelfPacedStatuses.InProgress) return { type: 'not_found' as const }
    const progress = await progressOf(trx, enrolment, module.id)
    if (progress.status === 'completed') {
      return { type: 'already_finished' as const, module, enrolmentId: enrolment.id }
    }
    const at = DateTime.fromJSDate(now)
    progress.merge({ status: 'completed', lastActivityAt: at, completedAt: at })
    await progress.save()
    const completion = await completeSelfPaced(trx, enrolment, now)
    return { type: 'finished' as const, module, completion }
  })
}

/*
 * When the learner has no run of the module's course in progress: their
 * latest run completed it (a second "finished" arriving after the one
 * that completed the course), or there is nothing of theirs to finish.
 */
async function completedBefore(learnerId: number, moduleId: number): Promise<FinishModuleResult> {
  const module = await CourseModule.find(moduleId)
  if (!module) return { type: 'not_found' }
  const latest = await db
    .from('self_paced_enrolments')
    .where('user_id', learnerId)
    .where('course_id', module.courseId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .select('id', 'status')
    .first()
  if (latest?.status !== SelfPacedStatuses.Completed) return { type: 'not_found' }
  return { type: 'course_completed', module, enrolmentId: Number(latest.id) }
}
