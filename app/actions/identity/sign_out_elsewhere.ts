import type User from '#models/user'
import { endSessionsOf } from '#services/user_sessions'
import { recordOwnAccountEvent } from '#actions/identity/account_events'
import { AuditActions } from '#enums/audit_actions'

/*
 * Ends every session of a person but the one they asked from: for a
 * browser left signed in on a shared or lost device. Returns how many ended.
 */
export async function signOutElsewhere(user: User, currentSessionId: string) {
  const ended = await endSessionsOf(user.id, currentSessionId)
  await recordOwnAccountEvent(user, AuditActions.SignOutElsewhere, { sessionsEnded: ended })
  return ended
}
