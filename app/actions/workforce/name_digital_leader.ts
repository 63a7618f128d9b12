import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { findActivePersonByEmail } from '#actions/workforce/save_service'

export type NameDigitalLeaderResult =
  | { type: 'named'; leader: User; elsewhere: boolean }
  | { type: 'cleared' }
  | { type: 'person_not_found' }

/*
 * Names an organisation's Digital Leader by email: an active person, who
 * may work elsewhere in government, with HR's word on whether they sit on
 * the board (audited with the change). No email removes the current one
 * and the board confirmation with them.
 */
export async function nameDigitalLeader(
  organisation: Organisation,
  email: string | null | undefined,
  onBoard = false
): Promise<NameDigitalLeaderResult> {
  return db.transaction(async (trx): Promise<NameDigitalLeaderResult> => {
    let leader: User | null = null
    if (email) {
      leader = await findActivePersonByEmail(email, trx)
      if (!leader) return { type: 'person_not_found' }
    }
    organisation.useTransaction(trx)
    organisation.digitalLeaderId = leader?.id ?? null
    organisation.digitalLeaderOnBoard = leader ? onBoard : false
    await organisation.save()
    if (!leader) return { type: 'cleared' }
    return { type: 'named', leader, elsewhere: leader.organisationId !== organisation.id }
  })
}
