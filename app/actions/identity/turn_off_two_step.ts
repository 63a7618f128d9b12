import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { activeTwoStep } from '#services/two_step'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { readOneTimeCode } from '#domain/identity/two_step'
import { checkOwnPassword } from '#actions/identity/sign_in'
import { checkSecondStep } from '#actions/identity/check_second_step'
import { endSessionsOf } from '#services/user_sessions'

export type ConfirmResult =
  | { type: 'confirmed' }
  | { type: 'not_on' }
  | { type: 'wrong_password' | 'wrong_code' | 'code_used' }
  | { type: 'throttled'; retryAfter: number }

export type TurnOffResult = Exclude<ConfirmResult, { type: 'confirmed' }> | { type: 'turned_off' }

/*
 * A person with two-step verification on shows it is them before a change
 * to it: their password, or a code from their app (six digits: never a
 * password, which is 12 characters or more). A wrong password counts
 * against the sign-in limits, a wrong code against the code limits, so no
 * such form is a way round either.
 */
export async function confirmPasswordOrCode(
  user: User,
  passwordOrCode: string,
  ip: string
): Promise<ConfirmResult> {
  if (!(await activeTwoStep(user.id))) return { type: 'not_on' }
  if (readOneTimeCode(passwordOrCode).type === 'code') {
    const check = await checkSecondStep(user, passwordOrCode, 'code', ip)
    switch (check.type) {
      case 'passed':
        return { type: 'confirmed' }
      case 'not_on':
        return { type: 'not_on' }
      case 'too_many':
        return { type: 'throttled', retryAfter: check.retryAfter }
      case 'code_used':
        return { type: 'code_used' }
      case 'empty':
      case 'malformed':
      case 'wrong_code':
      case 'wrong_recovery_code':
        return { type: 'wrong_code' }
      default: {
        const unreachable: never = check
        return unreachable
      }
    }
  }
  const checked = await checkOwnPassword(user, passwordOrCode, ip)
  if (checked.type === 'wrong') return { type: 'wrong_password' }
  if (checked.type === 'throttled') return checked
  return { type: 'confirmed' }
}

/* Turns off a person's own two-step verification once they show their password or a code. */
export async function turnOffOwnTwoStep(
  user: User,
  passwordOrCode: string,
  ip: string
): Promise<TurnOffResult> {
  const confirmed = await confirmPasswordOrCode(user, passwordOrCode, ip)
  if (confirmed.type !== 'confirmed') return confirmed
  return (await removeTwoStep(user, user.id)) ? { type: 'turned_off' } : { type: 'not_on' }
}

/*
 * Turns off someone else's two-step verification, for a person who has
 * lost their phone and their recovery codes: they sign in with their
 * password alone until they set it up again. Their sessions end and their
 * API tokens are revoked too, so a lost device that was signed in, or held
 * a token, is shut out. The caller has checked the administrator may
 * (UserPolicy.turnOffTwoStep).
 */
export async function turnOffTwoStepFor(
  person: User,
  administrator: User
): Promise<{ type: 'turned_off' | 'not_on' }> {
  if (!(await activeTwoStep(person.id))) return { type: 'not_on' }
  if (!(await removeTwoStep(person, administrator.id, { revokeTokens: true }))) {
    return { type: 'not_on' }
  }
  await endSessionsOf(person.id)
  return { type: 'turned_off' }
}

/*
 * Removes the person's authenticator and recovery codes, and their API
 * tokens when asked; false when there was nothing to remove.
 */
async function removeTwoStep(person: User, actorId: number, options = { revokeTokens: false }) {
  return db.transaction(async (trx) => {
    const removed = await trx.from('two_step_verifications').where('user_id', person.id).delete()
    await trx.from('recovery_codes').where('user_id', person.id).delete()
    if (Number(Array.isArray(removed) ? removed[0] : removed) === 0) return false
    const revoked = options.revokeTokens
      ? await trx.from('auth_access_tokens').where('tokenable_id', person.id).delete()
      : null
    await recordAudit(
      {
        action: AuditActions.TwoStepTurnedOff,
        subjectType: 'user',
        subjectId: person.id,
        subjectLabel: person.email,
        organisationId: person.organisationId,
        actorId,
        after: {
          by: actorId === person.id ? 'themselves' : 'an administrator',
          ...(revoked === null
            ? {}
            : { tokensRevoked: Number(Array.isArray(revoked) ? revoked[0] : revoked) }),
        },
      },
      trx
    )
    return true
  })
}
