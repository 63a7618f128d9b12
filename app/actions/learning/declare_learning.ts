import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import LearningRecord from '#models/learning_record'
import type User from '#models/user'
import { LearningRecordSources } from '#enums/learning'
import { UK_ZONE } from '#domain/shared/uk_time'

export type DeclareLearningInput = {
  title: string
  providerName?: string | null
  completedOn: DateTime
  evidenceUrl?: string | null
}

export type DeclareLearningResult =
  { type: 'declared'; record: LearningRecord } | { type: 'completed_in_future' }

/*
 * A learner adds learning they did outside the service to their learning
 * record. It can only have been completed today (UK time) or earlier.
 */
export async function declareLearning(
  learner: User,
  input: DeclareLearningInput,
  now = DateTime.now()
): Promise<DeclareLearningResult> {
  const completedOn = input.completedOn.toISODate()!
  if (completedOn > now.setZone(UK_ZONE).toISODate()!) {
    return { type: 'completed_in_future' }
  }
  return db.transaction(async (trx) => {
    const record = await LearningRecord.create(
      {
        userId: learner.id,
        courseId: null,
        enrolmentId: null,
        title: input.title,
        providerName: input.providerName || null,
        completedOn: DateTime.fromISO(completedOn),
        source: LearningRecordSources.Declared,
        evidenceUrl: input.evidenceUrl || null,
      },
      { client: trx }
    )
    return { type: 'declared' as const, record }
  })
}
