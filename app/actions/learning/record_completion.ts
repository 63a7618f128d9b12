import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Course from '#models/course'
import LearningRecord from '#models/learning_record'
import SkillClaim from '#models/skill_claim'
import { SkillClaimStatuses, type LearningRecordSource } from '#enums/learning'
import { currentSkillLevels } from '#queries/learning/skill_levels_query'
import { issueCertificate } from '#actions/learning/issue_certificate'

export type CompletionOf = {
  userId: number
  courseId: number
  /* The day the course was completed, as an ISO date in UK time. */
  completedOn: string
  source: LearningRecordSource
  /* The session enrolment that was completed, for a classroom course. */
  enrolmentId?: number | null
  /* The self-paced enrolment that was completed, for a self-paced course. */
  selfPacedEnrolmentId?: number | null
}

/*
 * The one place a course completion is written, classroom or self-paced:
 * the learning record, and a pending skill claim for each of the course's
 * outcomes above the learner's current level. Whatever else a completion
 * brings (a certificate) belongs here too, in the same transaction.
 */
export async function recordCompletion(trx: TransactionClientContract, completion: CompletionOf) {
  const course = await Course.query({ client: trx })
    .where('id', completion.courseId)
    .preload('provider')
    .preload('outcomes')
    .firstOrFail()
  const learningRecord = await LearningRecord.create(
    {
      userId: completion.userId,
      courseId: course.id,
      enrolmentId: completion.enrolmentId ?? null,
      selfPacedEnrolmentId: completion.selfPacedEnrolmentId ?? null,
      title: course.title,
      providerName: course.provider.name,
      completedOn: DateTime.fromISO(completion.completedOn),
      source: completion.source,
    },
    { client: trx }
  )
  await issueCertificate(trx, learningRecord)
  const levels = await currentSkillLevels(
    trx,
    completion.userId,
    course.outcomes.map((outcome) => outcome.skillId)
  )
  const claims: SkillClaim[] = []
  for (const outcome of course.outcomes) {
    if (outcome.level <= (levels.get(outcome.skillId) ?? 0)) continue
    claims.push(
      await SkillClaim.create(
        {
          userId: completion.userId,
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
