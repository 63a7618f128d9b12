import type { ApiClient } from '@japa/api-client'
import type { FakeMailer } from '@adonisjs/mail'
import { Settings, type DateTime } from 'luxon'
import Invitation from '#mails/invitation'
import PasswordReset from '#mails/password_reset'
import { Visitor } from '#tests/support/session_cookies'

/* The invitations queued or sent while mail was faked, oldest first. */
export function invitationsIn(fake: FakeMailer) {
  return [...fake.mails.queued(), ...fake.mails.sent()].filter(
    (mail): mail is Invitation => mail instanceof Invitation
  )
}

/* The password reset links queued while mail was faked, oldest first. */
export function resetsIn(fake: FakeMailer) {
  return fake.mails.queued().filter((mail): mail is PasswordReset => mail instanceof PasswordReset)
}

/* The path of the link a mail carries ("/set-password/…"). */
export function linkPathOf(mail: Invitation | PasswordReset) {
  return new URL(mail.link).pathname
}

/*
 * A new password sent to a set-password link's form from a browser with no
 * session, as from a copy of the link, keeping the answer's redirect.
 */
export function setPasswordAt(client: ApiClient, path: string, password: string) {
  return client
    .post(path)
    .withCsrfToken()
    .form({ newPassword: password, confirmPassword: password })
    .redirects(0)
}

/*
 * A clock the service reads (Luxon's) set to a fixed moment, moved on by
 * hand; `restore` gives back the real one.
 */
export const clock = {
  at(moment: DateTime) {
    const fixed = moment.toMillis()
    Settings.now = () => fixed
    return moment
  },
  restore() {
    Settings.now = () => Date.now()
  },
}

/* The status a browser with no session gets at an address. */
export async function statusAt(path: string) {
  const answer = await new Visitor().get(path)
  return answer.status
}

/* The page a browser gets at an address. */
export async function textAt(visitor: Visitor, path: string) {
  const answer = await visitor.get(path)
  return answer.text
}

/* Whether signing in through the form with this password works. */
export async function signsIn(email: string, password: string) {
  const visitor = await Visitor.signedIn(email, password)
  return visitor.isSignedIn()
}
