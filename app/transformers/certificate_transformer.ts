import { BaseTransformer } from '@adonisjs/core/transformers'
import { date, dateTime, id, object, oneOfValues, orNull, text } from '#openapi/components'
import type { CertificateRow } from '#queries/learning/certificates_query'

const standings = ['valid', 'expired', 'revoked'] as const

const code = () =>
  text('The verification code, in three groups of four, like `7KQM-3XWP-9RTD`.', {
    min: 14,
    max: 14,
  })

const status = () =>
  oneOfValues(
    standings,
    '`valid`; `expired` once the day after `validUntil` has come; `revoked` by an admin.'
  )

const validUntil = () =>
  orNull(date('The last day the certificate is valid; null when it does not expire.'))

/*
 * A certificate as the JSON API shows it: the learner's own, with the
 * address of its PDF, and what public verification shows of anyone's
 * (the name, the course, the day completed and whether it stands).
 */
export class CertificateTransformer extends BaseTransformer<CertificateRow> {
  static schemas = {
    Certificate: object({
      id: id(),
      code: code(),
      course: object({ id: id(), title: text() }),
      providerName: orNull(text('The course’s provider when it was completed.')),
      completedOn: date('The day the course was completed.'),
      issuedAt: dateTime('When the certificate was issued.'),
      validUntil: validUntil(),
      status: status(),
      revokedAt: orNull(dateTime('When it was revoked; null unless it was.')),
      revocationReason: orNull(text('Why it was revoked; null unless it was.')),
      links: object({
        self: { type: 'string', format: 'uri-reference', description: 'The certificate.' },
        pdf: {
          type: 'string',
          format: 'uri-reference',
          description: 'The certificate as a PDF, to download with the same token.',
        },
        verify: {
          type: 'string',
          format: 'uri-reference',
          description: 'Its public verification, which needs no token.',
        },
      }),
    }),
    CertificateVerification: object({
      name: text('The name of the person the certificate was issued to.'),
      courseTitle: text(),
      completedOn: date('The day the course was completed.'),
      validUntil: validUntil(),
      status: status(),
      revokedOn: orNull(date('The day it was revoked (UK time); null unless it was.')),
    }),
  }

  toObject() {
    const certificate = this.resource
    return {
      id: certificate.id,
      code: certificate.displayCode,
      course: { id: certificate.courseId, title: certificate.courseTitle },
      providerName: certificate.providerName,
      completedOn: certificate.completedOn,
      issuedAt: certificate.issuedAt.toUTC().toISO()!,
      validUntil: certificate.validUntil,
      status: certificate.standing,
      revokedAt: certificate.revokedAt ? certificate.revokedAt.toUTC().toISO()! : null,
      revocationReason: certificate.revocationReason,
      links: {
        self: `/api/v1/me/certificates/${certificate.id}`,
        pdf: `/api/v1/me/certificates/${certificate.id}/pdf`,
        verify: `/api/v1/certificates/${certificate.displayCode}`,
      },
    }
  }

  /* What anyone with the code sees: nothing about the person but the name. */
  forVerification() {
    const certificate = this.resource
    return {
      name: certificate.name,
      courseTitle: certificate.courseTitle,
      completedOn: certificate.completedOn,
      validUntil: certificate.validUntil,
      status: certificate.standing,
      revokedOn: certificate.revokedAt
        ? certificate.revokedAt.setZone('Europe/London').toISODate()!
        : null,
    }
  }
}
