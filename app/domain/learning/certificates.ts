import { randomInt } from 'node:crypto'

/*
 * The rules of certificates that need no database: verification codes and
 * whether a certificate stands. Pure, apart from the random source a new
 * code is drawn from.
 *
 * A verification code is 12 characters from an alphabet without the ones
 * people mistake for each other when they read a code aloud or type it
 * from paper (0 and O, 1, I and L, U and V), shown in three groups of
 * four: 7KQM-3XWP-9RTD. 29 characters to the power 12 is about 3.5 × 10^17
 * codes, so guessing one is hopeless at the rate verification allows.
 * Codes are stored as the 12 characters alone, in capitals.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ'
export const CODE_LENGTH = 12
const GROUP = 4

/* A new random code, as stored: 12 capitals and digits, no hyphens. */
export function newVerificationCode(random: (below: number) => number = randomInt) {
  let code = ''
  for (let index = 0; index < CODE_LENGTH; index++) {
    code += CODE_ALPHABET[random(CODE_ALPHABET.length)]
  }
  return code
}

/* A stored code as people read it: 7KQM-3XWP-9RTD. */
export function formatVerificationCode(code: string) {
  const groups: string[] = []
  for (let index = 0; index < code.length; index += GROUP) {
    groups.push(code.slice(index, index + GROUP))
  }
  return groups.join('-')
}

/*
 * A code as typed (any case, with spaces or hyphens, as printed or read
 * aloud) as it is stored; null when what is left is not 12 characters of
 * the alphabet.
 */
export function normaliseVerificationCode(typed: string): string | null {
  const code = typed.replace(/[\s\-‐‑‒–—]/g, '').toUpperCase()
  if (code.length !== CODE_LENGTH) return null
  for (const character of code) if (!CODE_ALPHABET.includes(character)) return null
  return code
}

/* How a certificate stands on a day: valid, past its validity, or revoked. */
export type CertificateStanding = 'valid' | 'expired' | 'revoked'

/*
 * A certificate's standing on today (an ISO date, UK time): revoked wins;
 * else expired once today is after the last day it is valid (validUntil,
 * an ISO date; null when the course's completions do not expire).
 */
export function certificateStanding(
  certificate: { revokedAt: unknown; validUntil: string | null },
  today: string
): CertificateStanding {
  if (certificate.revokedAt) return 'revoked'
  if (certificate.validUntil !== null && certificate.validUntil < today) return 'expired'
  return 'valid'
}

/*
 * A file name for a certificate that every system accepts: the course
 * title's letters and digits (accents dropped) joined by hyphens, then
 * the code, like certificate-agile-for-teams-7KQM-3XWP-9RTD.pdf.
 */
export function certificateFileName(courseTitle: string, code: string) {
  const words = courseTitle
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `certificate-${words ? `${words}-` : ''}${formatVerificationCode(code)}.pdf`
}
