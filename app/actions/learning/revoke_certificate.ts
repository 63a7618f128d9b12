import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Certificate from '#models/certificate'
import type User from '#models/user'

export type RevokeCertificateResult =
  | { type: 'revoked'; certificate: Certificate }
  | { type: 'already_revoked'; certificate: Certificate }
  | { type: 'not_found' }

/*
 * An admin revokes a certificate with a reason: from then on the public
 * verification, the API and the learner's record read it as revoked. The
 * change (who, when, why) goes in the audit trail with the certificate.
 * Whether the admin may revoke it (capability admin, or course admin of
 * the course's provider) is the caller's to check first.
 */
export async function revokeCertificate(
  admin: User,
  certificateId: number,
  reason: string,
  now: DateTime = DateTime.now()
): Promise<RevokeCertificateResult> {
  return db.transaction(async (trx) => {
    const certificate = await Certificate.query({ client: trx })
      .where('id', certificateId)
      .forUpdate()
      .first()
    if (!certificate) return { type: 'not_found' as const }
    if (certificate.revokedAt) return { type: 'already_revoked' as const, certificate }
    certificate.useTransaction(trx)
    certificate.merge({ revokedAt: now, revokedBy: admin.id, revocationReason: reason })
    await certificate.save()
    return { type: 'revoked' as const, certificate }
  })
}
