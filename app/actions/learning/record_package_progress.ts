import { DateTime } from 'luxon'
import ModuleProgress from '#models/module_progress'
import type LearningPackage from '#models/learning_package'
import type User from '#models/user'
import { SelfPacedStatuses } from '#enums/learning'
import {
  scormOutcome,
  scormReportProblems,
  type ScormReportProblem,
} from '#domain/learning/scorm_progress'
import { completeSelfPaced, selfPacedTransaction } from '#actions/learning/complete_self_paced'
import type { LaunchGrant } from '#services/launch_tokens'
import type { PackageProgressInput } from '#validators/learning_packages'

export type RecordPackageProgressResult =
  | {
      type: 'recorded'
      progress: ModuleProgress
      moduleCompleted: boolean
      /* Whether this report completed the course. */
      courseCompleted: boolean
      /* Whether the learner's run of the course is completed, by this report or before. */
      runCompleted: boolean
    }
  | { type: 'not_found' }
  | { type: 'invalid'; errors: ScormReportProblem[] }

/*
 * Records what an e-learning package reported at a commit or at its end:
 * the module's completion, success and score, and where to resume (the
 * location, suspend data and time spent). A module once completed stays
 * completed. When this completes the module, the self-paced run is
 * completed too if every module that counts now is (completeSelfPaced,
 * inside the run's lock, so the course is completed once).
 */
export async function recordPackageProgress(
  learner: User,
  learningPackage: LearningPackage,
  grant: LaunchGrant,
  input: Omit<PackageProgressInput, 'launchToken'>,
  now = new Date()
): Promise<RecordPackageProgressResult> {
  const errors = scormReportProblems(learningPackage.scormVersion, input)
  if (errors.length) return { type: 'invalid', errors }
  const outcome = scormOutcome(learningPackage.scormVersion, input)

  return selfPacedTransaction(grant.enrolmentId, async (trx, enrolment) => {
    if (
      !enrolment ||
      enrolment.userId !== learner.id ||
      enrolment.courseId !== learningPackage.courseId ||
      enrolment.status === SelfPacedStatuses.Withdrawn
    ) {
      return { type: 'not_found' as const }
    }
    const module = await trx
      .from('course_modules')
      .where({ course_id: enrolment.courseId, package_id: learningPackage.id, kind: 'scorm' })
      .select('id')
      .first()
    if (!module) return { type: 'not_found' as const }

    const at = DateTime.fromJSDate(now)
    const progress =
      (await ModuleProgress.query({ client: trx })
        .where({ self_paced_enrolment_id: enrolment.id, module_id: module.id })
        .first()) ??
      new ModuleProgress().merge({
        selfPacedEnrolmentId: enrolment.id,
        moduleId: Number(module.id),
        status: 'not_started',
        totalSeconds: 0,
      })
    progress.useTransaction(trx)

    const wasCompleted = progress.status === 'completed'
    const moduleCompleted = !wasCompleted && outcome.completed
    progress.merge({
      status: wasCompleted || outcome.completed ? 'completed' : 'in_progress',
      success: outcome.success === 'unknown' ? (progress.success ?? 'unknown') : outcome.success,
      score: outcome.score ?? progress.score ?? null,
      lastActivityAt: at,
      completedAt: moduleCompleted ? at : (progress.completedAt ?? null),
    })
    if (input.location !== undefined) progress.lessonLocation = input.location
    if (input.suspendData !== undefined) progress.suspendData = input.suspendData
    if (input.totalSeconds !== undefined) {
      progress.totalSeconds = Math.max(progress.totalSeconds ?? 0, input.totalSeconds)
    }
    await progress.save()

    let courseCompleted = false
    if (moduleCompleted) {
      const completion = await completeSelfPaced(trx, enrolment, now)
      courseCompleted = completion.type === 'completed'
    }
    return {
      type: 'recorded' as const,
      progress,
      moduleCompleted,
      courseCompleted,
      runCompleted: enrolment.status === SelfPacedStatuses.Completed,
    }
  })
}
