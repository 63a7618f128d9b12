import type User from '#models/user'
import { endSessionsOf } from '#services/user_sessions'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'

/*
 * Ends every session of a person but the one they asked from: for a
 * browser left signed in on a shared or lost device. Returns how many ended.
 */
export async function signOutElsewhere(user: User, currentSessionId: string) {
  const ended = await endSessionsOf(user.id, currentSessionId)
  await recordAudit({
    action: AuditActions.SignOutElsewhere,
    subjectType: 'user',
    subjectId: user.id,
    subjectLabel: user.email,
    organisationId: user.organisationId,
    actorId: user.id,
    after: { sessionsEnded: ended },
  })
  return ended
}
