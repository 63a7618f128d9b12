import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import User from '#models/user'
import { recordOwnAccountEvent } from '#actions/identity/account_events'
import { AuditActions } from '#enums/audit_actions'
import { allowsPasswordSignIn } from '#services/password_sign_in'
import { twoStepIsOn } from '#services/two_step'

export type SignInResult =
  | { type: 'signed_in'; user: User }
  /* The password is right, but the person uses two-step verification: a code comes next. */
  | { type: 'two_step_needed'; user: User }
  | { type: 'invalid_credentials' }
  | { type: 'deactivated' }
  | { type: 'single_sign_on_only' }
  | { type: 'throttled'; retryAfter: number }

/* Failed attempts allowed per account, and per address, before a pause. */
export const SIGN_IN_LIMITS = {
  perAccount: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  perIp: { requests: 30, duration: '15 mins', blockDuration: '15 mins' },
} as const

/* How long a throttled person waits, in words: "1 minute", "15 minutes". */
export function minutesToWait(seconds: number) {
  const value = Math.max(1, Math.ceil(seconds / 60))
  return value === 1 ? '1 minute' : `${value} minutes`
}

/*
 * The counters of wrong passwords for one account and one address. Every
 * place a password is checked (signing in, asking for an API token,
 * confirming the current password to change it) counts against the same
 * ones, so none of them is a way round the others' limit.
 */
export function passwordAttempts(email: string, ip: string) {
  const normalised = email.trim().toLowerCase()
  return limiter.multi([
    { key: `sign_in:account:${normalised}`, ...SIGN_IN_LIMITS.perAccount },
    { key: `sign_in:ip:${ip}`, ...SIGN_IN_LIMITS.perIp },
  ])
}

class WrongPassword extends Error {}

/*
 * Checks a signed-in person's own password before a change to their
 * account: a wrong one counts against the same limits as signing in, so
 * no such form is a way round them.
 */
export async function checkOwnPassword(
  user: User,
  password: string,
  ip: string
): Promise<{ type: 'right' | 'wrong' } | { type: 'throttled'; retryAfter: number }> {
  let outcome: Awaited<ReturnType<ReturnType<typeof passwordAttempts>['penalize']>>
  try {
    outcome = await passwordAttempts(user.email, ip).penalize(async () => {
      if (!(await user.verifyPassword(password))) throw new WrongPassword()
      return true
    })
  } catch (error) {
    if (error instanceof WrongPassword) return { type: 'wrong' }
    throw error
  }
  const [throttled] = outcome
  if (throttled) return { type: 'throttled', retryAfter: throttled.response.availableIn }
  return { type: 'right' }
}

/*
 * Checks an e-mail and password. Failures count against both the account
 * and the address they came from, so neither guessing one account's
 * password nor spraying many accounts from one place gets far.
 */
export async function signIn(email: string, password: string, ip: string): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase()
  // People of a single sign-on only organisation have no password here to check.
  const person = await User.findBy('email', normalised)
  if (person && !(await allowsPasswordSignIn(person))) return { type: 'single_sign_on_only' }
  const attempts = passwordAttempts(normalised, ip)

  let result: Awaited<ReturnType<typeof attempts.penalize<User>>>
  try {
    result = await attempts.penalize(() => User.verifyCredentials(normalised, password))
  } catch (error) {
    // Wrong e-mail or password; anything else (the database or Redis away) is the service's fault.
    if ((error as { code?: string }).code === 'E_INVALID_CREDENTIALS')
      return { type: 'invalid_credentials' }
    throw error
  }

  const [throttled, user] = result
  if (throttled) return { type: 'throttled', retryAfter: throttled.response.availableIn }
  if (!user.isActive) return { type: 'deactivated' }
  // Not signed in yet: the sign-in is recorded once the code is right too.
  if (await twoStepIsOn(user.id)) return { type: 'two_step_needed', user }

  await recordSignIn(user)
  return { type: 'signed_in', user }
}

/*
 * Records that a person has signed in: when, for their page, and an audit
 * event (with how they passed two-step verification, when they did).
 */
export async function recordSignIn(user: User, after?: Record<string, unknown>) {
  // Saved without hooks: a sign-in is audited below as itself, not as an edit of the person.
  user.lastSignedInAt = DateTime.now()
  await user.saveQuietly()
  await recordOwnAccountEvent(user, AuditActions.SignIn, after ?? null)
}
