import type { HttpContext } from '@adonisjs/core/http'
import { found, idParam } from '#services/params'
import { ownCertificate } from '#queries/learning/certificates_query'
import { sendCertificate } from '#services/certificate_pdf'
import { VERIFY_MESSAGES } from '#services/certificate_messages'

/* A learner downloads the certificate of a course they completed, from their learning record. */
export default class CertificatesController {
  async download({ auth, params, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const certificate = found(await ownCertificate(user.id, idParam(params.id)))
    if (certificate.standing === 'revoked') {
      session.flash('error', VERIFY_MESSAGES.revokedDownload)
      return response.redirect().toRoute('learning.record')
    }
    return sendCertificate(response, certificate)
  }
}
