import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { sqlStamp } from '#services/password_links'
import { ukTime } from '#mails/learning_mail'
import {
  PasswordLinkKinds,
  type PasswordLinkKind,
  accountStatus,
  accountStatusLabels,
  type AccountFacts,
  type AccountStatus,
} from '#domain/identity/password_links'
import { UK_ZONE, UkFormats, instantFromSql } from '#domain/shared/uk_time'

/* A timestamp as either driver reads it; null when there is none. */
function readTime(value: unknown): DateTime | null {
  const parsed = instantFromSql(value)
  return parsed?.isValid ? parsed : null
}

/*
 * The password links of these people (of one kind, when given) not yet
 * used or revoked: the open ones, and any that ran out unused.
 */
export function unusedLinks(
  client: Pick<QueryClientContract, 'from'>,
  userIds: number | number[],
  kind?: PasswordLinkKind
) {
  const query = client
    .from('password_links')
    .whereIn('user_id', [userIds].flat())
    .whereNull('used_at')
    .whereNull('revoked_at')
  if (kind) query.where('kind', kind)
  return query
}

export type InvitationFacts = Pick<AccountFacts, 'openInvitationUntil' | 'invitationExpired'>

const NONE: InvitationFacts = { openInvitationUntil: null, invitationExpired: false }

/*
 * For each person, when their open invitation runs out and whether one ran
 * out unused: one grouped query for a page of people.
 */
export async function invitationFacts(userIds: number[], now = DateTime.now()) {
  const facts = new Map<number, InvitationFacts>()
  if (!userIds.length) return facts
  const at = sqlStamp(now)
  const rows = await unusedLinks(db, userIds, PasswordLinkKinds.Invitation)
    .groupBy('user_id')
    .select('user_id')
    .select(db.raw('max(case when expires_at > ? then expires_at end) as open_until', [at]))
    .select(db.raw('max(case when expires_at <= ? then 1 else 0 end) as expired', [at]))
  for (const row of rows) {
    facts.set(Number(row.user_id), {
      openInvitationUntil: readTime(row.open_until),
      invitationExpired: Number(row.expired) === 1,
    })
  }
  return facts
}

type Person = { id: number; deactivatedAt: DateTime | null; lastSignedInAt: DateTime | null }

/* Each person's account status, with the expiry of an open invitation. */
export async function accountStatuses(people: Person[], now = DateTime.now()) {
  const facts = await invitationFacts(
    people.map((person) => person.id),
    now
  )
  const out = new Map<number, { status: AccountStatus; invitedUntil: DateTime | null }>()
  for (const person of people) {
    const invitation = facts.get(person.id) ?? NONE
    out.set(person.id, {
      status: accountStatus({
        deactivated: person.deactivatedAt !== null,
        hasSignedIn: person.lastSignedInAt !== null,
        ...invitation,
      }),
      invitedUntil: invitation.openInvitationUntil,
    })
  }
  return out
}

/* Invitations of a person (the `users` row in the query) that are unused, not withdrawn, and open or run out. */
function invitations(open: boolean, at: string) {
  return db
    .from('password_links')
    .whereRaw('password_links.user_id = users.id')
    .where('password_links.kind', PasswordLinkKinds.Invitation)
    .whereNull('password_links.used_at')
    .whereNull('password_links.revoked_at')
    .where('password_links.expires_at', open ? '>' : '<=', at)
    .select(db.raw('1'))
}

/*
 * Restricts a query over `users` to one account status, by the same rule
 * as accountStatus.
 */
export function whereAccountStatus(query: any, status: AccountStatus, now = DateTime.now()) {
  const at = sqlStamp(now)
  if (status === 'deactivated') return query.whereNotNull('users.deactivated_at')
  query.whereNull('users.deactivated_at')
  if (status === 'active') return query.whereNotNull('users.last_signed_in_at')
  query.whereNull('users.last_signed_in_at')
  if (status === 'invited') return query.whereExists(invitations(true, at))
  query.whereNotExists(invitations(true, at))
  if (status === 'invitation_expired') return query.whereExists(invitations(false, at))
  return query.whereNotExists(invitations(false, at))
}

/* "9 Jan 2027 at 3:15pm", in UK time: when an invitation runs out. */
export function ukMoment(value: DateTime) {
  return `${value.setZone(UK_ZONE).toFormat(UkFormats.date)} at ${ukTime(value)}`
}

/* A person's account status as the pages show it: its name, and until when an invitation works. */
export function describeAccount(account: { status: AccountStatus; invitedUntil: DateTime | null }) {
  return {
    status: account.status,
    label: accountStatusLabels[account.status],
    until:
      account.status === 'invited' && account.invitedUntil ? ukMoment(account.invitedUntil) : null,
  }
}
