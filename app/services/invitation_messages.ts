import type { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type InvitationRun from '#models/invitation_run'
import type { InvitationOutcome } from '#actions/identity/send_invitations'
import { ukMoment } from '#queries/identity/account_status_query'
import {
  notInvitedLabels,
  notInvitedReasons,
  type NotInvitedReason,
} from '#domain/identity/password_links'

/* What HR and capability admins read when they invite people. */

/* Why one person was not invited, in a sentence about them. */
const REFUSED: Record<NotInvitedReason, (name: string) => string> = {
  deactivated: (name) => `${name} is deactivated: reactivate the account before inviting them`,
  signed_in: (name) =>
    `${name} has signed in before: they can reset a forgotten password from the sign-in page`,
  single_sign_on: (name) =>
    `${name} signs in with single sign-on: their organisation does not use passwords`,
  already_invited: (name) => `${name} already has an invitation that has not expired`,
}

export function notInvitedMessage(reason: NotInvitedReason, name: string) {
  return REFUSED[reason](name)
}

/* An invitation sent from a person's page, new or in place of an open one. */
export function invitationSentMessage(email: string, replaced: boolean, expiresAt: DateTime) {
  const until = ukMoment(expiresAt)
  return replaced
    ? `A new invitation has been sent to ${email}. The earlier link no longer works; the new one works until ${until}`
    : `An invitation has been sent to ${email}. Its link works until ${until}`
}

const people = (count: number) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? 'person' : 'people'}`

/* How many were invited and why the others were not: a headline, then each reason with a count. */
export function invitationSummary(
  invited: number,
  notInvited: Partial<Record<NotInvitedReason, number>>
) {
  const lines = notInvitedReasons
    .filter((reason) => (notInvited[reason] ?? 0) > 0)
    .map((reason) => {
      const count = notInvited[reason]!
      const words = notInvitedLabels[reason]
      return `${people(count)} ${count === 1 ? words.one : words.many}`
    })
  return {
    headline: invited ? `Invitations sent to ${people(invited)}` : 'No invitations were sent',
    notInvited: lines,
  }
}

/* The summary of invitations sent at once, naming those the inviter may not invite. */
export function outcomeSummary(outcome: InvitationOutcome, forbidden: string[]) {
  const counts: Partial<Record<NotInvitedReason, number>> = {}
  for (const { reason } of outcome.notInvited) counts[reason] = (counts[reason] ?? 0) + 1
  const summary = invitationSummary(outcome.sent.length, counts)
  return {
    ...summary,
    notInvited: [
      ...summary.notInvited,
      ...forbidden.map((name) => `${name}: you cannot invite this person`),
    ],
  }
}

/* The people list a run invited from, with its filters; invited people when it had none. */
export function runPeopleHref(run: InvitationRun) {
  if (!run.filters) return `${urlFor('users.index')}?account=invited`
  const query = new URLSearchParams(
    Object.entries(run.filters)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, String(value)])
  )
  return `${urlFor('users.index')}?${query.toString()}`
}
