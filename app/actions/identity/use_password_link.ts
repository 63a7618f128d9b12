import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type PasswordLink from '#models/password_link'
import type User from '#models/user'
import { findLink, sqlStamp } from '#services/password_links'
import { unusedLinks } from '#queries/identity/account_status_query'
import { allowsPasswordSignIn } from '#services/password_sign_in'
import { endSessionsOf } from '#services/user_sessions'
import { twoStepIsOn } from '#services/two_step'
import { recordOwnAccountEvent } from '#actions/identity/account_events'
import { AuditActions } from '#enums/audit_actions'
import {
  PasswordLinkKinds,
  linkState,
  type PasswordLinkKind,
} from '#domain/identity/password_links'

export type LinkCheck =
  | { type: 'usable'; link: PasswordLink; user: User }
  /* No such link: malformed, made up, or its secret does not match. */
  | { type: 'unknown' }
  | {
      type: 'used' | 'revoked' | 'expired' | 'deactivated' | 'single_sign_on'
      kind: PasswordLinkKind
    }

/* Whether a link from an e-mail can set a password now, and if not, why. */
export async function checkLink(token: unknown): Promise<LinkCheck> {
  const link = await findLink(token)
  if (!link) return { type: 'unknown' }
  const state = linkState(link, DateTime.now())
  if (state !== 'usable') return { type: state, kind: link.kind }
  const user = link.user
  if (!user.isActive) return { type: 'deactivated', kind: link.kind }
  if (!(await allowsPasswordSignIn(user))) return { type: 'single_sign_on', kind: link.kind }
  return { type: 'usable', link, user }
}

export type UseLinkResult =
  | {
      type: 'password_set'
      kind: PasswordLinkKind
      sessionsEnded: number
      tokensRevoked: number
      /* They use two-step verification: not signed in until they give a code too. */
      twoStepNeeded: boolean
    }
  /* Someone used, withdrew or replaced the link between the page and the form. */
  | { type: 'gone' }

/*
 * Sets a person's password from a link, once. The link is claimed by one
 * conditional update, so two requests racing with the same link cannot
 * both use it. Whoever may have had the old password or another link
 * loses what it gave them, as when a password is changed: every other
 * link of theirs stops working, their API tokens are revoked and every
 * session of theirs ends. The caller signs them in, in a new session, or
 * (with two-step verification on, which a new password leaves on) asks
 * for their code first.
 */
export async function usePasswordLink(
  link: PasswordLink,
  user: User,
  password: string
): Promise<UseLinkResult> {
  const now = DateTime.now()
  const at = sqlStamp(now)
  const twoStepNeeded = await twoStepIsOn(user.id)
  const result = await db.transaction(async (trx) => {
    const claimed = await trx
      .from('password_links')
      .where('id', link.id)
      .whereNull('used_at')
      .whereNull('revoked_at')
      .where('expires_at', '>', at)
      .update({ used_at: at })
    if (Number(Array.isArray(claimed) ? claimed[0] : claimed) !== 1) return null

    user.useTransaction(trx)
    // Hashed by the model's hook; the trail shows the field changed, never its value.
    user.password = password
    await user.save()
    await unusedLinks(trx, user.id).whereNot('id', link.id).update({ revoked_at: at })
    const revoked = await trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
    const tokensRevoked = Number(Array.isArray(revoked) ? revoked[0] : revoked)
    // Using the link signs them in (after their code, with two-step verification): recorded without hooks, as the sign-in it is.
    if (!twoStepNeeded)
      await trx.from('users').where('id', user.id).update({ last_signed_in_at: at })
    await recordOwnAccountEvent(
      user,
      link.kind === PasswordLinkKinds.Invitation
        ? AuditActions.InvitationAccepted
        : AuditActions.PasswordResetUsed,
      { tokensRevoked },
      trx
    )
    if (twoStepNeeded) return { tokensRevoked }
    await recordOwnAccountEvent(
      user,
      AuditActions.SignIn,
      { via: link.kind === PasswordLinkKinds.Invitation ? 'invitation' : 'password reset' },
      trx
    )
    return { tokensRevoked }
  })
  if (!result) return { type: 'gone' }
  if (!twoStepNeeded) user.lastSignedInAt = now
  // After the commit: on SQLite the session store shares the one connection the transaction held.
  const sessionsEnded = await endSessionsOf(user.id)
  return {
    type: 'password_set',
    kind: link.kind,
    sessionsEnded,
    tokensRevoked: result.tokensRevoked,
    twoStepNeeded,
  }
}
