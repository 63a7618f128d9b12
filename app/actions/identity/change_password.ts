import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { checkOwnPassword } from '#actions/identity/sign_in'
import { endSessionsOf } from '#services/user_sessions'
import { recordOwnAccountEvent } from '#actions/identity/account_events'
import { AuditActions } from '#enums/audit_actions'

export type ChangePasswordResult =
  | { type: 'changed'; sessionsEnded: number; tokensRevoked: number }
  | { type: 'wrong_current_password' }
  | { type: 'throttled'; retryAfter: number }

/*
 * Changes a person's own password after checking the current one. A wrong
 * current password counts as a failed sign-in (the same limit, so the form
 * is no way round it). Whoever may have learnt the old password loses what
 * it gave them: every other session of the person ends and their API
 * tokens are revoked. The session the change was made in is kept; the
 * caller gives it a new id.
 */
export async function changePassword(
  user: User,
  currentPassword: string,
  newPassword: string,
  context: { ip: string; sessionId: string }
): Promise<ChangePasswordResult> {
  const checked = await checkOwnPassword(user, currentPassword, context.ip)
  if (checked.type === 'wrong') return { type: 'wrong_current_password' }
  if (checked.type === 'throttled') return checked

  const tokensRevoked = await db.transaction(async (trx) => {
    user.useTransaction(trx)
    // Hashed by the model's hook; the trail shows the field changed, never its value.
    user.password = newPassword
    await user.save()
    const revoked = await trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
    const count = Number(Array.isArray(revoked) ? revoked[0] : revoked)
    await recordOwnAccountEvent(user, AuditActions.PasswordChanged, { tokensRevoked: count }, trx)
    return count
  })
  // After the commit: on SQLite the session store shares the one connection the transaction held.
  const sessionsEnded = await endSessionsOf(user.id, context.sessionId)
  return { type: 'changed', sessionsEnded, tokensRevoked }
}
