import db from '@adonisjs/lucid/services/db'
import type SelfPacedEnrolment from '#models/self_paced_enrolment'
import { SelfPacedStatuses } from '#enums/learning'
import { selfPacedTransaction } from '#actions/learning/complete_self_paced'

export type WithdrawSelfPacedResult =
  | { type: 'withdrawn'; enrolment: SelfPacedEnrolment }
  /* The learner has no run of the course in progress. */
  | { type: 'not_in_progress' }

/*
 * A learner stops a self-paced course they have in progress. The run is
 * kept as withdrawn, with its progress; starting again begins a new run.
 */
export async function withdrawSelfPaced(
  learner: { id: number },
  courseId: number
): Promise<WithdrawSelfPacedResult> {
  const run = await db
    .from('self_paced_enrolments')
    .where('user_id', learner.id)
    .where('active_course_id', courseId)
    .select('id')
    .first()
  if (!run) return { type: 'not_in_progress' }
  return selfPacedTransaction(Number(run.id), async (trx, enrolment) => {
    if (enrolment?.status !== SelfPacedStatuses.InProgress) return { type: 'not_in_progress' }
    enrolment.useTransaction(trx)
    enrolment.merge({ status: SelfPacedStatuses.Withdrawn, activeCourseId: null })
    await enrolment.save()
    return { type: 'withdrawn', enrolment }
  })
}
