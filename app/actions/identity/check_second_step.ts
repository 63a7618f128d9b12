import limiter from '@adonisjs/limiter/services/main'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/user'
import { activeTwoStep, decryptSecret, hashRecoveryCode, matchingStep } from '#services/two_step'
import { sqlStamp } from '#services/password_links'
import { recordAudit } from '#services/audit'
import { recordOwnAccountEvent } from '#actions/identity/account_events'
import { recoveryCodesLeft } from '#actions/identity/make_recovery_codes'
import { AuditActions } from '#enums/audit_actions'
import { readOneTimeCode, readRecoveryCode } from '#domain/identity/two_step'

/*
 * Wrong codes allowed per person, and per client address, before a
 * pause. A code is one of a million, and three are right at any moment
 * (one step either way), so five tries in a quarter of an hour leave a
 * guesser next to no chance, while a person who mistypes has room.
 */
export const CODE_LIMITS = {
  perPerson: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  perIp: { requests: 30, duration: '15 mins', blockDuration: '15 mins' },
} as const

/* The counters of wrong codes: every place a code is checked counts against the same ones. */
export function codeAttempts(userId: number, ip: string) {
  return limiter.multi([
    { key: `two_step:person:${userId}`, ...CODE_LIMITS.perPerson },
    { key: `two_step:ip:${ip}`, ...CODE_LIMITS.perIp },
  ])
}

/*
 * What a person typed as their second step: a code from their app, a
 * recovery code, or (for the API, which has one field) either, told
 * apart by its shape.
 */
export type SecondStepKind = 'code' | 'recovery_code' | 'either'

export type SecondStepResult =
  | { type: 'passed'; via: 'code' | 'recovery_code' }
  /* Nothing typed, or not the shape of the kind of code asked for: not counted as a try. */
  | { type: 'empty' | 'malformed' }
  | { type: 'wrong_code' }
  /* A right code for a time step already used: someone may have seen it. */
  | { type: 'code_used' }
  | { type: 'wrong_recovery_code' }
  /* Too many wrong codes: the sign-in ends; wait, then start again. */
  | { type: 'too_many'; retryAfter: number }
  /* Two-step verification was turned off meanwhile (by an administrator). */
  | { type: 'not_on' }

class Refused extends Error {
  constructor(public result: Extract<SecondStepResult, { type: `${string}_code` | 'code_used' }>) {
    super(result.type)
  }
}

function readSecondStep(typed: string, kind: SecondStepKind) {
  if (kind === 'code') return { via: 'code' as const, reading: readOneTimeCode(typed) }
  if (kind === 'recovery_code') {
    return { via: 'recovery_code' as const, reading: readRecoveryCode(typed) }
  }
  const code = readOneTimeCode(typed)
  if (code.type !== 'malformed') return { via: 'code' as const, reading: code }
  return { via: 'recovery_code' as const, reading: readRecoveryCode(typed) }
}

const changed = (result: unknown) => Number(Array.isArray(result) ? result[0] : result)

/*
 * Checks a person's second step after their password. A code is accepted
 * for one time step either side of now (clocks drift), and only for a
 * step later than the last one accepted, so a code seen over someone's
 * shoulder or in a log cannot be used again; both are claimed by one
 * conditional update, so two requests racing with the same code cannot
 * both pass. A recovery code works once. Wrong codes are counted per
 * person and per client address; the try that uses up the allowance, and
 * any try while paused, is audited and ends the sign-in.
 */
export async function checkSecondStep(
  user: User,
  typed: string,
  kind: SecondStepKind,
  ip: string
): Promise<SecondStepResult> {
  const { via, reading } = readSecondStep(typed, kind)
  if (reading.type !== 'code') return { type: reading.type }
  const record = await activeTwoStep(user.id)
  if (!record) return { type: 'not_on' }
  let secret = ''
  if (via === 'code') {
    try {
      secret = decryptSecret(record.secret)
    } catch {
      // APP_KEY has changed since it was set up: no code can be checked, but a recovery code still can.
      logger.error(
        { userId: user.id },
        'A two-step verification secret cannot be read with this APP_KEY'
      )
      return { type: 'wrong_code' }
    }
  }

  const attempts = codeAttempts(user.id, ip)
  let outcome: Awaited<ReturnType<typeof attempts.penalize<true>>>
  try {
    outcome = await attempts.penalize(async () => {
      const at = sqlStamp(DateTime.now())
      if (via === 'recovery_code') {
        const used = await db
          .from('recovery_codes')
          .where('user_id', user.id)
          .where('code_hash', hashRecoveryCode(reading.code))
          .whereNull('used_at')
          .update({ used_at: at })
        if (changed(used) !== 1) throw new Refused({ type: 'wrong_recovery_code' })
        return true as const
      }
      const step = await matchingStep(secret, reading.code)
      if (step === null) throw new Refused({ type: 'wrong_code' })
      const claimed = await db
        .from('two_step_verifications')
        .where('id', record.id)
        .where((query) => query.whereNull('last_used_step').orWhere('last_used_step', '<', step))
        .update({ last_used_step: step, updated_at: at })
      if (changed(claimed) !== 1) throw new Refused({ type: 'code_used' })
      return true as const
    })
  } catch (error) {
    if (!(error instanceof Refused)) throw error
    const counts = await attempts.get()
    const exhausted = counts.find((response) => response && response.remaining <= 0)
    if (!exhausted) return error.result
    await auditTooMany(user, ip)
    return { type: 'too_many', retryAfter: exhausted.availableIn }
  }
  const [throttled] = outcome
  if (throttled) {
    await auditTooMany(user, ip)
    return { type: 'too_many', retryAfter: throttled.response.availableIn }
  }
  if (via === 'recovery_code') {
    await recordOwnAccountEvent(user, AuditActions.RecoveryCodeUsed, {
      recoveryCodesLeft: await recoveryCodesLeft(user.id),
    })
  }
  return { type: 'passed', via }
}

async function auditTooMany(user: User, ip: string) {
  await recordAudit({
    action: AuditActions.TwoStepTooManyFailures,
    subjectType: 'user',
    subjectId: user.id,
    subjectLabel: user.email,
    organisationId: user.organisationId,
    actorId: null,
    ip,
  })
}
