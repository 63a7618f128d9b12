import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Certificate from '#models/certificate'
import type LearningRecord from '#models/learning_record'
import { completionValidUntil } from '#domain/learning/self_paced_rules'
import { unusedCodes } from '#actions/learning/issue_missing_certificates'

/*
 * Issues the certificate of a completed course, inside the transaction
 * that records the completion (classroom or self-paced): valid until the
 * completion expires (the course's validity_months), with a new random
 * verification code. Once per learning record: called again, it answers
 * the certificate already issued. Learning without a course (declared by
 * the learner) gets none: null.
 */
export async function issueCertificate(
  trx: TransactionClientContract,
  learningRecord: LearningRecord
): Promise<Certificate | null> {
  if (!learningRecord.courseId) return null
  const issued = await Certificate.query({ client: trx })
    .where('learning_record_id', learningRecord.id)
    .first()
  if (issued) return issued
  const course = await trx
    .from('courses')
    .where('id', learningRecord.courseId)
    .select('validity_months')
    .firstOrFail()
  const [code] = await unusedCodes(trx, 1)
  return Certificate.create(
    {
      learningRecordId: learningRecord.id,
      userId: learningRecord.userId,
      courseId: learningRecord.courseId,
      code,
      // To the second, as the database keeps it.
      issuedAt: DateTime.now().startOf('second'),
      validUntil: validUntilOf(learningRecord.completedOn, course.validity_months),
    },
    { client: trx }
  )
}

function validUntilOf(completedOn: DateTime, validityMonths: unknown) {
  const until = completionValidUntil(
    completedOn.toISODate()!,
    validityMonths === null || validityMonths === undefined ? null : Number(validityMonths)
  )
  return until === null ? null : DateTime.fromISO(until)
}
