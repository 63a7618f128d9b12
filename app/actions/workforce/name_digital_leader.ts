import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { findActivePersonByEmail } from '#actions/workforce/save_service'

export type NameDigitalLeaderResult =
  | { type: 'named'; leader: User; elsewhere: boolean }
  | { type: 'cleared' }
  | { type: 'person_not_found' }

/*
 * Names an organisation's Digital Leader, a board member, by email: an
 * active person, who may work elsewhere in government. No email removes
 * the current one.
 */
export async function nameDigitalLeader(
  organisation: Organisation,
  email: string | null | undefined
): Promise<NameDigitalLeaderResult> {
  return db.transaction(async (trx): Promise<NameDigitalLeaderResult> => {
    let leader: User | null = null
    if (email) {
      leader = await findActivePersonByEmail(email, trx)
      if (!leader) return { type: 'person_not_found' }
    }
    organisation.useTransaction(trx)
    organisation.digitalLeaderId = leader?.id ?? null
    await organisation.save()
    if (!leader) return { type: 'cleared' }
    return { type: 'named', leader, elsewhere: leader.organisationId !== organisation.id }
  })
}
