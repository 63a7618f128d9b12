import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  accountStatus,
  invitationRefusal,
  linkState,
  type AccountFacts,
} from '#domain/identity/password_links'

const now = DateTime.fromISO('2026-06-01T12:00:00Z')

const person = (facts: Partial<AccountFacts> = {}): AccountFacts => ({
  deactivated: false,
  hasSignedIn: false,
  openInvitationUntil: null,
  invitationExpired: false,
  ...facts,
})

test.group('Password links: when a link works', () => {
  test('a link works until the instant it expires, and never once used or withdrawn', ({
    assert,
  }) => {
    const expiresAt = now.plus({ hours: 1 })
    const link = { usedAt: null, revokedAt: null, expiresAt }
    assert.equal(linkState(link, now), 'usable')
    assert.equal(linkState(link, expiresAt.minus({ milliseconds: 1 })), 'usable')
    assert.equal(linkState(link, expiresAt), 'expired')
    assert.equal(linkState({ ...link, usedAt: now }, now), 'used')
    assert.equal(linkState({ ...link, revokedAt: now }, now), 'revoked')
    // Used beats everything else: the person is told to sign in.
    assert.equal(linkState({ ...link, usedAt: now, revokedAt: now }, expiresAt), 'used')
  })
})

test.group('Password links: where a person stands', () => {
  test('the first of deactivated, active, invited, invitation expired, never signed in', ({
    assert,
  }) => {
    const open = now.plus({ days: 3 })
    assert.equal(accountStatus(person()), 'never_signed_in')
    assert.equal(accountStatus(person({ invitationExpired: true })), 'invitation_expired')
    assert.equal(
      accountStatus(person({ invitationExpired: true, openInvitationUntil: open })),
      'invited'
    )
    assert.equal(accountStatus(person({ hasSignedIn: true, openInvitationUntil: open })), 'active')
    assert.equal(accountStatus(person({ hasSignedIn: true, deactivated: true })), 'deactivated')
  })

  test('who is invited: never the deactivated, those who signed in or single sign-on only; an open invitation only when resending', ({
    assert,
  }) => {
    const open = now.plus({ days: 3 })
    const may = (facts: Partial<AccountFacts>, passwordSignIn = true, resend = false) =>
      invitationRefusal({ ...person(facts), passwordSignIn }, { resend })
    assert.isNull(may({}))
    assert.isNull(may({ invitationExpired: true }))
    assert.equal(may({ deactivated: true }), 'deactivated')
    assert.equal(may({ hasSignedIn: true }), 'signed_in')
    assert.equal(may({}, false), 'single_sign_on')
    assert.equal(may({ openInvitationUntil: open }), 'already_invited')
    assert.isNull(may({ openInvitationUntil: open }, true, true))
    assert.equal(may({ openInvitationUntil: open, hasSignedIn: true }, true, true), 'signed_in')
  })
})
