import type { HttpContext } from '@adonisjs/core/http'
import { apiSerializer, pageOf, problem } from '#services/api'
import { found, idParam } from '#services/params'
import { administeredProviders } from '#services/provider_scope'
import {
  administeredCertificate,
  ownCertificate,
  ownCertificatePage,
} from '#queries/learning/certificates_query'
import { verifyCertificate } from '#actions/learning/verify_certificate'
import { revokeCertificate } from '#actions/learning/revoke_certificate'
import { CertificateTransformer } from '#transformers/certificate_transformer'
import { sendCertificate } from '#services/certificate_pdf'
import { verifyThrottledMessage, VERIFY_MESSAGES } from '#services/certificate_messages'
import {
  apiRevokeCertificateValidator,
  myCertificatesQueryValidator,
} from '#validators/certificates'

/*
 * Certificates in the JSON API: the caller's own and their PDFs, public
 * verification by code (no token), and revocation for admins.
 */
export default class CertificatesController {
  async index({ auth, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const paging = await myCertificatesQueryValidator.validate(request.qs())
    const page = await ownCertificatePage(user.id, paging.page ?? 1, paging.perPage ?? 25)
    return apiSerializer.page(CertificateTransformer.paginate(page.rows, pageOf(page.meta)))
  }

  async show({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const certificate = found(await ownCertificate(user.id, idParam(params.id)))
    return apiSerializer.serialize(CertificateTransformer.transform(certificate))
  }

  async pdf({ auth, params, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const certificate = found(await ownCertificate(user.id, idParam(params.id)))
    if (certificate.standing === 'revoked') {
      return problem(response, 409, `${VERIFY_MESSAGES.revokedDownload}.`, { code: 'revoked' })
    }
    return sendCertificate(response, certificate)
  }

  /* Public: what the verification page shows, for anyone with the code. */
  async verify({ params, request, response }: HttpContext) {
    const result = await verifyCertificate(String(params.code), request.ip())
    switch (result.type) {
      case 'found':
        return apiSerializer.serialize(
          CertificateTransformer.transform(result.certificate).useVariant('forVerification')
        )
      case 'empty':
      case 'malformed':
      case 'no_certificate':
        return problem(response, 404, `${VERIFY_MESSAGES.noCertificate}.`)
      case 'throttled':
        response.header('Retry-After', String(result.retryAfter))
        return problem(response, 429, `${verifyThrottledMessage(result.retryAfter)}.`)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* Capability admins, and course admins of the course's provider, revoke with a reason. */
  async revoke({ auth, params, request, response }: HttpContext) {
    const admin = auth.use('api').getUserOrFail()
    const providers = await administeredProviders(admin)
    if (providers !== 'all' && !providers.length) {
      return problem(response, 403, 'Only capability admins and course admins revoke certificates.')
    }
    const certificate = found(await administeredCertificate(idParam(params.id), providers))
    const { reason } = await request.validateUsing(apiRevokeCertificateValidator)
    const result = await revokeCertificate(admin, certificate.id, reason)
    switch (result.type) {
      case 'revoked':
        return response.noContent()
      case 'already_revoked':
        return problem(response, 409, 'The certificate was already revoked.', {
          code: 'already_revoked',
        })
      case 'not_found':
        return found(null)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
