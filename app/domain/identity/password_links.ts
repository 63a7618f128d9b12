import type { DateTime } from 'luxon'

/*
 * Ways in for people who sign in with a password. A password link is
 * e-mailed to one person and sets their password once: an invitation, for
 * someone who has never signed in (people added by a staff import have no
 * password at all), or a password reset, for someone who has forgotten it.
 */

export const PasswordLinkKinds = { Invitation: 'invitation', Reset: 'reset' } as const
export type PasswordLinkKind = (typeof PasswordLinkKinds)[keyof typeof PasswordLinkKinds]

/*
 * How long a link works. An invitation waits for someone who may be on
 * leave; a reset is asked for by the person at the keyboard, and a short
 * life limits what a copy of the e-mail is worth.
 */
export const LINK_LIFETIMES: Record<PasswordLinkKind, { days?: number; hours?: number }> = {
  invitation: { days: 7 },
  reset: { hours: 1 },
}

/* Whether a stored link can still be used, and if not, why. */
export type LinkState = 'usable' | 'used' | 'revoked' | 'expired'

export function linkState(
  link: { usedAt: DateTime | null; revokedAt: DateTime | null; expiresAt: DateTime },
  now: DateTime
): LinkState {
  if (link.usedAt) return 'used'
  if (link.revokedAt) return 'revoked'
  // The last instant counts as expired: "expires at 14:00" does not work at 14:00.
  if (link.expiresAt.toMillis() <= now.toMillis()) return 'expired'
  return 'usable'
}

/*
 * Where a person stands with getting in, as the people list and their page
 * show it. Someone who has signed in is active whatever links they were
 * sent; otherwise an invitation still open, then one that ran out, then
 * nothing at all (never signed in: a person a staff import added and no one
 * has invited yet, or one given a password they have not used).
 */
export type AccountStatus =
  'deactivated' | 'active' | 'invited' | 'invitation_expired' | 'never_signed_in'

export type AccountFacts = {
  deactivated: boolean
  hasSignedIn: boolean
  /* When their open invitation runs out; null when none is open. */
  openInvitationUntil: DateTime | null
  /* Whether an invitation sent to them ran out unused (and was not withdrawn or replaced). */
  invitationExpired: boolean
}

export function accountStatus(facts: AccountFacts): AccountStatus {
  if (facts.deactivated) return 'deactivated'
  if (facts.hasSignedIn) return 'active'
  if (facts.openInvitationUntil) return 'invited'
  if (facts.invitationExpired) return 'invitation_expired'
  return 'never_signed_in'
}

export const accountStatusLabels: Record<AccountStatus, string> = {
  deactivated: 'Deactivated',
  active: 'Active',
  invited: 'Invited',
  invitation_expired: 'Invitation expired',
  never_signed_in: 'Never signed in',
}

export const accountStatusValues = Object.keys(accountStatusLabels) as AccountStatus[]

/*
 * Why a person is not sent an invitation, or null when they may be.
 * Deactivated people cannot sign in at all; someone who has signed in
 * resets a forgotten password themselves; people of an organisation that
 * signs in only through single sign-on have no password to set. In a
 * batch, someone whose invitation is still open is left alone (resending
 * it is a choice made on their page).
 */
export type NotInvitedReason = 'deactivated' | 'signed_in' | 'single_sign_on' | 'already_invited'

export function invitationRefusal(
  facts: AccountFacts & { passwordSignIn: boolean },
  options: { resend: boolean }
): NotInvitedReason | null {
  if (facts.deactivated) return 'deactivated'
  if (facts.hasSignedIn) return 'signed_in'
  if (!facts.passwordSignIn) return 'single_sign_on'
  if (facts.openInvitationUntil && !options.resend) return 'already_invited'
  return null
}

/* Each reason as the summary of a batch counts it: "3 have already signed in". */
export const notInvitedLabels: Record<NotInvitedReason, { one: string; many: string }> = {
  deactivated: { one: 'is deactivated', many: 'are deactivated' },
  signed_in: { one: 'has already signed in', many: 'have already signed in' },
  single_sign_on: {
    one: 'signs in with single sign-on',
    many: 'sign in with single sign-on',
  },
  already_invited: {
    one: 'already has an invitation that has not expired',
    many: 'already have an invitation that has not expired',
  },
}

export const notInvitedReasons = Object.keys(notInvitedLabels) as NotInvitedReason[]
