import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { normaliseVerificationCode } from '#domain/learning/certificates'
import { certificateByCode, type CertificateRow } from '#queries/learning/certificates_query'

/*
 * Codes one client address may check before a pause, on the public page
 * and the API together: plenty for people checking certificates by hand,
 * hopeless for guessing codes (29^12 of them).
 */
export const VERIFY_LIMIT = { requests: 30, duration: '10 minutes', blockDuration: '10 minutes' }

export type VerifyCertificateResult =
  | { type: 'found'; certificate: CertificateRow }
  | { type: 'no_certificate'; code: string }
  | { type: 'empty' }
  | { type: 'malformed' }
  | { type: 'throttled'; retryAfter: number }

/*
 * Anyone checks a certificate by its verification code, typed in any
 * case, with or without spaces and hyphens. Every lookup counts against
 * the client's limit, found or not; a code that cannot be one is refused
 * before it is looked up.
 */
export async function verifyCertificate(
  typed: unknown,
  ip: string
): Promise<VerifyCertificateResult> {
  if (typeof typed !== 'string' || !typed.trim()) {
    return typed === undefined || typeof typed === 'string'
      ? { type: 'empty' }
      : { type: 'malformed' }
  }
  const code = normaliseVerificationCode(typed)
  if (!code) return { type: 'malformed' }
  try {
    await limiter.use(VERIFY_LIMIT).consume(`certificate_verify:ip:${ip}`)
  } catch (error) {
    if (error instanceof limiterErrors.ThrottleException) {
      return { type: 'throttled', retryAfter: error.response.availableIn }
    }
    throw error
  }
  const certificate = await certificateByCode(code)
  return certificate ? { type: 'found', certificate } : { type: 'no_certificate', code }
}
