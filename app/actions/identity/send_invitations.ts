import { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type User from '#models/user'
import Invitation from '#mails/invitation'
import { sendNotices } from '#mails/notice_mail'
import { invitationFacts, unusedLinks } from '#queries/identity/account_status_query'
import { allowsPasswordSignIn } from '#services/password_sign_in'
import { linkExpiry, newToken, sqlStamp } from '#services/password_links'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { insertAll } from '#actions/batch_writes'
import {
  PasswordLinkKinds,
  invitationRefusal,
  type NotInvitedReason,
} from '#domain/identity/password_links'

/* Someone who may be invited: what the rules and the e-mail need of them. */
export type Invitee = {
  id: number
  fullName: string
  email: string
  organisationId: number
  deactivated: boolean
  hasSignedIn: boolean
}

/* A person as an invitee. */
export function invitee(user: User): Invitee {
  return {
    id: user.id,
    fullName: user.fullName,
    email: user.email,
    organisationId: user.organisationId,
    // Unset (undefined) on a model just created: neither deactivated nor signed in.
    deactivated: Boolean(user.deactivatedAt),
    hasSignedIn: Boolean(user.lastSignedInAt),
  }
}

/* Where an invitation was sent from, kept in its audit event. */
export type InvitationSource = 'person page' | 'people list' | 'staff import' | 'command line'

export type SentInvitation = { person: Invitee; token: string; expiresAt: DateTime }

export type InvitationOutcome = {
  sent: SentInvitation[]
  /* Those who had an open invitation that the new one replaced. */
  replaced: number
  notInvited: Array<{ person: Invitee; reason: NotInvitedReason }>
}

/* People invited per transaction: each batch's links and audit events commit together. */
export const INVITATION_BATCH = 500

/*
 * Invites people to set their password: each one the rules allow gets a
 * new single-use link for 7 days, and any invitation of theirs still open
 * stops working (with `resend`, that is the point; without it, people
 * with an open invitation are left alone). Links and audit events are
 * written in one transaction per batch; the caller sends the e-mails once
 * it has committed, or prints the link.
 */
export async function issueInvitations(
  people: Invitee[],
  options: { actor: User | null; source: InvitationSource; resend?: boolean; runId?: number }
): Promise<InvitationOutcome> {
  const now = DateTime.now()
  const outcome: InvitationOutcome = { sent: [], replaced: 0, notInvited: [] }
  for (let start = 0; start < people.length; start += INVITATION_BATCH) {
    const batch = people.slice(start, start + INVITATION_BATCH)
    const facts = await invitationFacts(
      batch.map((person) => person.id),
      now
    )
    const chosen: Array<{ person: Invitee; replacing: boolean }> = []
    // Decided by organisation, so asked once for each organisation in the batch.
    const passwordSignIn = new Map<number, boolean>()
    for (const person of batch) {
      if (!passwordSignIn.has(person.organisationId))
        passwordSignIn.set(person.organisationId, await allowsPasswordSignIn(person))
    }
    for (const person of batch) {
      const invitation = facts.get(person.id)
      const reason = invitationRefusal(
        {
          deactivated: person.deactivated,
          hasSignedIn: person.hasSignedIn,
          openInvitationUntil: invitation?.openInvitationUntil ?? null,
          invitationExpired: invitation?.invitationExpired ?? false,
          passwordSignIn: passwordSignIn.get(person.organisationId)!,
        },
        { resend: options.resend ?? false }
      )
      if (reason) outcome.notInvited.push({ person, reason })
      else chosen.push({ person, replacing: Boolean(invitation?.openInvitationUntil) })
    }
    if (!chosen.length) continue
    const sent = await db.transaction((trx) => writeInvitations(trx, chosen, now, options))
    outcome.sent.push(...sent)
    outcome.replaced += chosen.filter((item) => item.replacing).length
  }
  return outcome
}

async function writeInvitations(
  trx: TransactionClientContract,
  chosen: Array<{ person: Invitee; replacing: boolean }>,
  now: DateTime,
  options: { actor: User | null; source: InvitationSource; runId?: number }
) {
  const at = sqlStamp(now)
  const expiresAt = linkExpiry(PasswordLinkKinds.Invitation, now).startOf('second')
  const ids = chosen.map(({ person }) => person.id)
  // Whatever invitation they had stops working: only the newest link lets them in.
  await unusedLinks(trx, ids, PasswordLinkKinds.Invitation).update({ revoked_at: at })

  const sent: SentInvitation[] = []
  const links: Array<Record<string, unknown>> = []
  for (const { person } of chosen) {
    const { token, selector, secretHash } = newToken()
    sent.push({ person, token, expiresAt })
    links.push({
      user_id: person.id,
      kind: PasswordLinkKinds.Invitation,
      selector,
      secret_hash: secretHash,
      expires_at: sqlStamp(expiresAt),
      used_at: null,
      revoked_at: null,
      created_by: options.actor?.id ?? null,
      created_at: at,
    })
  }
  await insertAll(trx, 'password_links', links)

  const ctx = HttpContext.get()
  const ip = ctx?.request.ip() ?? null
  const requestId = ctx?.request.id() ?? null
  await insertAll(
    trx,
    'audit_events',
    chosen.map(({ person, replacing }) => ({
      actor_id: options.actor?.id ?? null,
      action: replacing ? AuditActions.InvitationResent : AuditActions.InvitationSent,
      subject_type: 'user',
      subject_id: String(person.id),
      subject_label: person.email.slice(0, 255),
      organisation_id: person.organisationId,
      before: null,
      after: JSON.stringify({
        expiresAt: expiresAt.toUTC().toISO({ suppressMilliseconds: true }),
        via: options.source,
        ...(options.runId ? { invitationRun: options.runId } : {}),
      }),
      ip,
      request_id: requestId,
      created_at: at,
    }))
  )
  return sent
}

/*
 * E-mails the invitations once their links are saved, each off the
 * request; one that cannot be sent is logged and the person shows as
 * invited, so it can be sent again.
 */
export async function mailInvitations(sent: SentInvitation[], invitedBy: string | null) {
  await sendNotices(
    sent.map(
      ({ person, token, expiresAt }) =>
        new Invitation({
          person: { email: person.email, name: person.fullName },
          invitedBy,
          token,
          expiresAt,
        })
    ),
    { about: 'invitation' }
  )
}

export type RevokeInvitationResult = { type: 'revoked' } | { type: 'none_open' }

/* Withdraws a person's open invitation: its link stops working at once. */
export async function revokeInvitation(
  person: Invitee,
  actor: User
): Promise<RevokeInvitationResult> {
  const at = sqlStamp(DateTime.now())
  return db.transaction(async (trx) => {
    const revoked = await unusedLinks(trx, person.id, PasswordLinkKinds.Invitation)
      .where('expires_at', '>', at)
      .update({ revoked_at: at })
    const count = Number(Array.isArray(revoked) ? revoked[0] : revoked)
    if (count === 0) return { type: 'none_open' as const }
    await recordAudit(
      {
        action: AuditActions.InvitationRevoked,
        subjectType: 'user',
        subjectId: person.id,
        subjectLabel: person.email,
        organisationId: person.organisationId,
        actorId: actor.id,
      },
      trx
    )
    return { type: 'revoked' as const }
  })
}
