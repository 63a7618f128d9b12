import FastStreamCohort from '#models/fast_stream_cohort'
import { transactionUnlessDuplicate } from '#actions/transactions'
import { nameTaken } from '#actions/name_clash'

export type CohortInput = { name: string; intakeYear: number }

export type SaveCohortResult = { type: 'saved'; cohort: FastStreamCohort } | { type: 'name_taken' }

/* Adds a cohort or changes one; names are unique whatever their case. */
export async function saveCohort(
  input: CohortInput,
  existing?: FastStreamCohort
): Promise<SaveCohortResult> {
  return transactionUnlessDuplicate({ type: 'name_taken' as const }, async (trx) => {
    const name = input.name.trim()
    if (await nameTaken(trx.from('fast_stream_cohorts'), name, existing?.id)) {
      return { type: 'name_taken' as const }
    }
    const cohort = existing ?? new FastStreamCohort()
    cohort.useTransaction(trx)
    cohort.merge({ name, intakeYear: input.intakeYear })
    await cohort.save()
    return { type: 'saved' as const, cohort }
  })
}
