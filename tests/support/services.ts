import type Organisation from '#models/organisation'
import type User from '#models/user'
import type { ServicePhase } from '#enums/workforce'
import { createService } from '#database/factories/workforce_factory'

/*
 * A service with its yearly transactions and, when given, its Service
 * Manager: what strategy action 02 reads. In beta unless told otherwise.
 */
export function managedService(
  organisation: Organisation,
  name: string,
  transactions: number,
  manager?: User,
  phase: ServicePhase = 'beta'
) {
  return createService(organisation, name, {
    annualTransactions: transactions,
    phase,
    serviceManagerId: manager?.id ?? null,
  })
}
