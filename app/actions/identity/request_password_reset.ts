import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#models/user'
import PasswordReset from '#mails/password_reset'
import SendPasswordReset from '#jobs/send_password_reset'
import { sendNotices } from '#mails/notice_mail'
import { allowsPasswordSignIn } from '#services/password_sign_in'
import { linkExpiry, newToken, sqlStamp } from '#services/password_links'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { PasswordLinkKinds } from '#domain/identity/password_links'
import { unusedLinks } from '#queries/identity/account_status_query'

/*
 * Requests for a reset link allowed per address, and per client address,
 * before a pause. Every request counts, whether or not the address has an
 * account, so the limit says nothing about which addresses do.
 */
export const RESET_LIMITS = {
  perAddress: { requests: 3, duration: '1 hour', blockDuration: '1 hour' },
  perIp: { requests: 20, duration: '1 hour', blockDuration: '1 hour' },
} as const

export type ResetRequestResult = { type: 'accepted' } | { type: 'throttled'; retryAfter: number }

/*
 * Takes a request for a password reset link. The answer is the same
 * whether or not the address has an account, and so is the work done
 * here: looking the address up, making the link and sending it happen in
 * a queued job, so how long the answer takes tells nothing either.
 */
export async function requestPasswordReset(
  email: string,
  context: { ip: string; requestId: string | null }
): Promise<ResetRequestResult> {
  const address = email.trim().toLowerCase()
  try {
    await limiter
      .multi([
        { key: `password_reset:address:${address}`, ...RESET_LIMITS.perAddress },
        { key: `password_reset:ip:${context.ip}`, ...RESET_LIMITS.perIp },
      ])
      .consume()
  } catch (error) {
    if (error instanceof limiterErrors.ThrottleException)
      return { type: 'throttled', retryAfter: error.response.availableIn }
    throw error
  }
  await SendPasswordReset.dispatch({ email: address, ip: context.ip, requestId: context.requestId })
  return { type: 'accepted' }
}

export type ResetSendResult =
  | { type: 'sent' }
  | { type: 'no_account' }
  | { type: 'not_sent'; reason: 'deactivated' | 'no_password' | 'single_sign_on' }

/*
 * Sends a reset link to the person with this address, if they may have
 * one: active, with a password already (someone who never set one needs
 * an invitation from HR), and allowed to sign in with a password. A new
 * link replaces any earlier one. Every request about a real account is
 * audited, sent or not; requests about unknown addresses leave no trace.
 */
export async function sendPasswordReset(
  address: string,
  context: { ip: string | null; requestId: string | null }
): Promise<ResetSendResult> {
  const user = await User.findBy('email', address)
  if (!user) return { type: 'no_account' }
  const reason = !user.isActive
    ? ('deactivated' as const)
    : !user.password
      ? ('no_password' as const)
      : !(await allowsPasswordSignIn(user))
        ? ('single_sign_on' as const)
        : null
  const audit = {
    action: AuditActions.PasswordResetRequested,
    subjectType: 'user',
    subjectId: user.id,
    subjectLabel: user.email,
    organisationId: user.organisationId,
    actorId: null,
    ip: context.ip,
    requestId: context.requestId,
  }
  if (reason) {
    await recordAudit({ ...audit, after: { sent: false, reason } })
    return { type: 'not_sent', reason }
  }

  const now = DateTime.now()
  const at = sqlStamp(now)
  const expiresAt = linkExpiry(PasswordLinkKinds.Reset, now).startOf('second')
  const { token, selector, secretHash } = newToken()
  await db.transaction(async (trx) => {
    // Only the newest link works.
    await unusedLinks(trx, user.id, PasswordLinkKinds.Reset).update({ revoked_at: at })
    await trx.table('password_links').insert({
      user_id: user.id,
      kind: PasswordLinkKinds.Reset,
      selector,
      secret_hash: secretHash,
      expires_at: sqlStamp(expiresAt),
      used_at: null,
      revoked_at: null,
      created_by: null,
      created_at: at,
    })
    await recordAudit(
      {
        ...audit,
        after: { sent: true, expiresAt: expiresAt.toUTC().toISO({ suppressMilliseconds: true }) },
      },
      trx
    )
  })
  await sendNotices(
    [new PasswordReset({ person: { email: user.email, name: user.fullName }, token, expiresAt })],
    { about: 'password reset', userId: user.id }
  )
  return { type: 'sent' }
}
