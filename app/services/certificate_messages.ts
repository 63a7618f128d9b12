import { DateTime } from 'luxon'
import { minutesToWait } from '#actions/identity/sign_in'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import type { CertificateStanding } from '#domain/learning/certificates'
import { expiredOn } from '#domain/learning/required_learning'

/* The words of certificates, the same on the pages and in the API. */

export const VERIFY_MESSAGES = {
  empty: 'Enter the verification code from the certificate',
  malformed:
    'Enter the verification code as it is printed on the certificate: 12 letters and numbers, like 7KQM-3XWP-9RTD',
  noCertificate: 'No certificate has this code',
  revokedDownload: 'This certificate has been revoked, so it cannot be downloaded',
} as const

export function verifyThrottledMessage(retryAfter: number) {
  return `Too many codes have been checked from your connection. Wait ${minutesToWait(retryAfter)} and try again`
}

/* An ISO date as "3 June 2027". */
export function longDate(iso: string) {
  return DateTime.fromISO(iso, { zone: 'utc' }).toFormat(UkFormats.longDate)
}

/*
 * A certificate's standing in words: "Valid until 31 May 2029", "Valid:
 * it does not expire", "Expired on 1 June 2029" (the first day it no
 * longer counts, as required learning counts it), or "Revoked on 4 March 2027".
 */
export function standingWords(certificate: {
  standing: CertificateStanding
  validUntil: string | null
  revokedAt: DateTime | null
}) {
  switch (certificate.standing) {
    case 'revoked':
      return `Revoked on ${certificate.revokedAt!.setZone(UK_ZONE).toFormat(UkFormats.longDate)}`
    case 'expired':
      return `Expired on ${longDate(expiredOn(certificate.validUntil!))}`
    case 'valid':
      return certificate.validUntil
        ? `Valid until ${longDate(certificate.validUntil)}`
        : 'Valid: it does not expire'
    default: {
      const unreachable: never = certificate.standing
      return unreachable
    }
  }
}

/* The tag beside a certificate: Valid, Expired or Revoked. */
export const standingLabels: Record<CertificateStanding, string> = {
  valid: 'Valid',
  expired: 'Expired',
  revoked: 'Revoked',
}
