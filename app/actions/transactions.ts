import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LucidRow, ModelAttributes } from '@adonisjs/lucid/types/model'
import { orOnDuplicate } from '#services/database_errors'

/*
 * Runs a write in one transaction. A unique-index violation (two people
 * saving the same thing at once, past the check before the write) rolls
 * it back and answers the expected result given for it, not a 500.
 */
export function transactionUnlessDuplicate<T, F>(
  onDuplicate: F,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T | F> {
  return orOnDuplicate(() => db.transaction(work), onDuplicate)
}

/*
 * Saves changes to a record in a transaction of its own, so the audit
 * event its hooks write commits with the change or not at all.
 */
export async function saveChanges<R extends LucidRow>(
  record: R,
  values: Partial<ModelAttributes<R>>
) {
  await db.transaction(async (trx) => {
    record.useTransaction(trx)
    record.merge(values)
    await record.save()
  })
  return record
}

/* Deletes a record in a transaction of its own, with the audit event its hooks write. */
export async function deleteRecord<R extends LucidRow>(record: R) {
  await db.transaction(async (trx) => {
    record.useTransaction(trx)
    await record.delete()
  })
  return record
}
