import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
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
