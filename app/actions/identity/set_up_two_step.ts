import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/user'
import TwoStepVerification from '#models/two_step_verification'
import { decryptSecret, encryptSecret, matchingStep, newSecret } from '#services/two_step'
import { isUniqueViolation } from '#services/database_errors'
import { sqlStamp } from '#services/password_links'
import { recordOwnAccountEvent } from '#actions/identity/account_events'
import { AuditActions } from '#enums/audit_actions'
import { readOneTimeCode } from '#domain/identity/two_step'
import { replaceRecoveryCodes } from '#actions/identity/make_recovery_codes'

export type StartSetUpResult = { type: 'started'; secret: string } | { type: 'already_on' }

/*
 * Starts setting up two-step verification, or carries on with a set-up
 * already started (the same secret, so reloading the page does not
 * change the QR code). Nothing is in force until a code confirms it.
 */
export async function startTwoStepSetUp(user: User): Promise<StartSetUpResult> {
  const existing = await TwoStepVerification.findBy('userId', user.id)
  if (existing?.confirmedAt) return { type: 'already_on' }
  if (existing) {
    try {
      return { type: 'started', secret: decryptSecret(existing.secret) }
    } catch {
      // Stored under an earlier APP_KEY: start again with a new secret.
      const secret = newSecret()
      existing.secret = encryptSecret(secret)
      await existing.save()
      return { type: 'started', secret }
    }
  }
  const secret = newSecret()
  try {
    await TwoStepVerification.create({ userId: user.id, secret: encryptSecret(secret) })
  } catch (error) {
    // The same page opened twice at once: the other request's set-up stands.
    if (!isUniqueViolation(error)) throw error
    return startTwoStepSetUp(user)
  }
  return { type: 'started', secret }
}

/* The secret of a set-up not yet confirmed, for its QR code; null when there is none. */
export async function secretBeingSetUp(user: User) {
  const existing = await TwoStepVerification.query()
    .where('user_id', user.id)
    .whereNull('confirmed_at')
    .first()
  if (!existing) return null
  try {
    return decryptSecret(existing.secret)
  } catch {
    return null
  }
}

export type ConfirmSetUpResult =
  | { type: 'turned_on'; recoveryCodes: string[] }
  | { type: 'empty' | 'malformed' | 'wrong_code' }
  | { type: 'not_started' }
  | { type: 'already_on' }

/*
 * Turns two-step verification on once the person shows a code from their
 * app, proving the app holds the secret. The code's time step counts as
 * used, and the person gets their first recovery codes.
 */
export async function confirmTwoStep(user: User, typed: string): Promise<ConfirmSetUpResult> {
  const reading = readOneTimeCode(typed)
  if (reading.type !== 'code') return { type: reading.type }
  const existing = await TwoStepVerification.findBy('userId', user.id)
  if (!existing) return { type: 'not_started' }
  if (existing.confirmedAt) return { type: 'already_on' }
  const secret = await secretBeingSetUp(user)
  if (!secret) return { type: 'not_started' }
  const step = await matchingStep(secret, reading.code)
  if (step === null) return { type: 'wrong_code' }

  const at = sqlStamp(DateTime.now())
  const recoveryCodes = await db.transaction(async (trx) => {
    const confirmed = await trx
      .from('two_step_verifications')
      .where('id', existing.id)
      .whereNull('confirmed_at')
      .update({ confirmed_at: at, last_used_step: step, updated_at: at })
    if (Number(Array.isArray(confirmed) ? confirmed[0] : confirmed) !== 1) return null
    const codes = await replaceRecoveryCodes(user.id, trx)
    await recordOwnAccountEvent(
      user,
      AuditActions.TwoStepTurnedOn,
      { recoveryCodes: codes.length },
      trx
    )
    return codes
  })
  if (!recoveryCodes) return { type: 'already_on' }
  return { type: 'turned_on', recoveryCodes }
}
