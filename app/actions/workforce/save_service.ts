import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { nameTaken } from '#actions/name_clash'
import Service from '#models/service'
import User from '#models/user'
import { forgetPerformanceOverviews } from '#queries/workforce/performance_overview_query'
import { transactionUnlessDuplicate } from '#actions/transactions'
import type { ServicePhase } from '#enums/workforce'

export type ServiceInput = {
  organisationId: number
  name: string
  annualTransactions: number
  phase: ServicePhase
  isExemplar?: boolean
  /* People can use the service through a digital channel. */
  hasDigitalChannel?: boolean
  serviceManagerEmail?: string | null
}

export type SaveServiceResult =
  | {
      type: 'saved'
      service: Service
      /* The Service Manager, when they work outside the service's organisation. */
      managerElsewhere: { name: string; organisationName: string } | null
    }
  | { type: 'name_taken' }
  | { type: 'manager_not_found' }

/* An active person by email address, whatever its case; anyone in government may be named. */
export async function findActivePersonByEmail(
  email: string,
  client: TransactionClientContract | null = null
) {
  const query = client ? User.query({ client }) : User.query()
  return query
    .whereRaw('lower(email) = ?', [email.trim().toLowerCase()])
    .whereNull('deactivated_at')
    .preload('organisation')
    .first()
}

/*
 * Adds a service to an organisation, or changes one. Names are unique within
 * an organisation whatever their case; the Service Manager is named by email
 * and must be an active person, in any organisation.
 */
export async function saveService(
  input: ServiceInput,
  existing?: Service
): Promise<SaveServiceResult> {
  const result = await transactionUnlessDuplicate(
    { type: 'name_taken' as const },
    async (trx): Promise<SaveServiceResult> => {
      const name = input.name.trim()
      if (
        await nameTaken(
          trx.from('services').where('organisation_id', input.organisationId),
          name,
          existing?.id
        )
      ) {
        return { type: 'name_taken' }
      }
      let manager: User | null = null
      if (input.serviceManagerEmail) {
        manager = await findActivePersonByEmail(input.serviceManagerEmail, trx)
        if (!manager) return { type: 'manager_not_found' }
      }

      const service = existing ?? new Service()
      service.useTransaction(trx)
      service.merge({
        organisationId: input.organisationId,
        name,
        annualTransactions: input.annualTransactions,
        phase: input.phase,
        isExemplar: input.isExemplar ?? false,
        hasDigitalChannel: input.hasDigitalChannel ?? false,
        serviceManagerId: manager?.id ?? null,
      })
      await service.save()
      const elsewhere =
        manager && manager.organisationId !== input.organisationId
          ? { name: manager.fullName, organisationName: manager.organisation.name }
          : null
      return { type: 'saved', service, managerElsewhere: elsewhere }
    }
  )
  // The performance overview names services and ranks them by their Service Manager's training.
  if (result.type === 'saved') await forgetPerformanceOverviews()
  return result
}
