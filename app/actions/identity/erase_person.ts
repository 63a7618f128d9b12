import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import { endSessionsOf } from '#services/user_sessions'
import { AuditActions } from '#enums/audit_actions'
import { anonymisePerson, anonymisedIdentity } from '#actions/identity/anonymise_person'

export type ErasureResult =
  { type: 'erased'; fullName: string } | { type: 'own_record' } | { type: 'already_anonymised' }

/*
 * Erasure on request, for someone who was never an employee (added in
 * error): the same anonymisation as a leaver past their keeping time, at
 * once. The request, who made it and their reason, go in the trail first,
 * in the same transaction.
 */
export async function erasePerson(
  person: User,
  requestedBy: User,
  reason: string
): Promise<ErasureResult> {
  if (person.id === requestedBy.id) return { type: 'own_record' }
  if (person.anonymisedAt) return { type: 'already_anonymised' }
  const erased = await db.transaction(async (trx) => {
    await recordAudit(
      {
        action: AuditActions.ErasureRequested,
        subjectType: 'user',
        subjectId: person.id,
        subjectLabel: anonymisedIdentity(person.id).email,
        organisationId: person.organisationId,
        actorId: requestedBy.id,
        after: { reason },
      },
      trx
    )
    return anonymisePerson(person.id, 'erasure', trx, requestedBy.id)
  })
  if (!erased) return { type: 'already_anonymised' }
  // After the commit: on SQLite the session store shares the one connection the transaction held.
  await endSessionsOf(person.id)
  return { type: 'erased', fullName: person.fullName }
}
