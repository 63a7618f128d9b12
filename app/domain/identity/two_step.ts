import { Roles, type Role } from '#enums/roles'

/*
 * Two-step verification: after the right password, a code from the
 * person's authenticator app (a 6-digit time-based code, RFC 6238), or one
 * of their recovery codes when the app is out of reach. These rules say
 * what a typed code looks like and who must use it.
 */

/* How long a correct password waits for its code before the sign-in starts again. */
export const PENDING_SIGN_IN_MINUTES = 5

/* How many recovery codes a person is given at a time. */
export const RECOVERY_CODE_COUNT = 10

/* Letters and digits of a recovery code: Crockford's base 32, without i, l, o and u. */
export const RECOVERY_CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/* Characters in a recovery code, shown in groups of four: 60 random bits. */
export const RECOVERY_CODE_LENGTH = 12

export type CodeReading = { type: 'empty' } | { type: 'malformed' } | { type: 'code'; code: string }

/* Spaces and hyphens people type or paste between groups of characters. */
const SEPARATORS = /[\s\u00a0-]+/g

/*
 * A code from an authenticator app as typed: six digits, with any spaces
 * or hyphens between them (apps show "123 456").
 */
export function readOneTimeCode(typed: string | null | undefined): CodeReading {
  const code = (typed ?? '').replace(SEPARATORS, '')
  if (code === '') return { type: 'empty' }
  return /^[0-9]{6}$/.test(code) ? { type: 'code', code } : { type: 'malformed' }
}

/*
 * A recovery code as typed, in the one form it is stored in: lower case,
 * without separators, and with the letters people mistake for digits
 * (o for 0, i and l for 1) read as those digits.
 */
export function readRecoveryCode(typed: string | null | undefined): CodeReading {
  const code = (typed ?? '')
    .replace(SEPARATORS, '')
    .toLowerCase()
    .replace(/o/g, '0')
    .replace(/[il]/g, '1')
  if (code === '') return { type: 'empty' }
  const pattern = new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`)
  return pattern.test(code) ? { type: 'code', code } : { type: 'malformed' }
}

/* A recovery code as it is shown: "abcd-efgh-2345". */
export function formatRecoveryCode(code: string) {
  return code.match(/.{1,4}/g)!.join('-')
}

/*
 * Whether a person's roles make two-step verification compulsory for
 * them when the service requires it: capability admins, who can grant
 * any role, and department HR, who hold their organisations' records.
 */
export function rolesNeedTwoStep(roles: readonly Role[]) {
  return roles.includes(Roles.CapabilityAdmin) || roles.includes(Roles.DepartmentHr)
}

/* The secret as people type it into an app by hand: groups of four. */
export function secretForReading(secret: string) {
  return secret.match(/.{1,4}/g)!.join(' ')
}
