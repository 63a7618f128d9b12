import type { HttpContext } from '@adonisjs/core/http'
import { found, idParam } from '#services/params'
import { administeredProviders } from '#services/provider_scope'
import { normaliseVerificationCode } from '#domain/learning/certificates'
import {
  administeredCertificate,
  administeredCertificatePage,
} from '#queries/learning/certificates_query'
import { revokeCertificate } from '#actions/learning/revoke_certificate'
import { certificateSearchValidator, revokeCertificateValidator } from '#validators/certificates'
import {
  longDate,
  standingLabels,
  standingWords,
  VERIFY_MESSAGES,
} from '#services/certificate_messages'

const PER_PAGE = 25

/*
 * Certificates for capability admins (all) and course admins (their
 * providers' courses): found by code, person or course, and revoked with
 * a reason. A certificate of another provider's course is not found.
 */
export default class CertificatesController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const providers = await administeredProviders(auth.getUserOrFail())
    const [problems, filters] = await certificateSearchValidator.tryValidate(request.qs())
    const errors: Record<string, string[]> = {}
    for (const problem of (problems?.messages ?? []) as { field: string; message: string }[]) {
      errors[problem.field] ??= [problem.message]
    }
    const entered: Partial<NonNullable<typeof filters>> = filters ?? {}
    const code = entered.code ? normaliseVerificationCode(entered.code) : null
    if (entered.code && !code) {
      errors.code = [VERIFY_MESSAGES.malformed]
    }
    const searched = Object.keys(errors).length === 0
    const page = searched
      ? await administeredCertificatePage(
          {
            code,
            person: entered.person || null,
            course: entered.course || null,
            page: entered.page ?? 1,
            perPage: PER_PAGE,
          },
          providers
        )
      : null
    return view.render('pages/learning/admin/certificates/index', {
      errors,
      entered: request.qs(),
      certificates: page?.rows ?? [],
      meta: page?.meta ?? null,
      standingLabels,
      longDate,
    })
  }

  async show({ auth, bouncer, params, view }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const providers = await administeredProviders(auth.getUserOrFail())
    const certificate = found(await administeredCertificate(idParam(params.id), providers))
    return view.render('pages/learning/admin/certificates/show', {
      certificate,
      completedOn: longDate(certificate.completedOn),
      standing: standingWords(certificate),
      standingLabel: standingLabels[certificate.standing],
    })
  }

  async revoke({ auth, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const admin = auth.getUserOrFail()
    const providers = await administeredProviders(admin)
    const certificate = found(await administeredCertificate(idParam(params.id), providers))
    const { reason } = await request.validateUsing(revokeCertificateValidator)
    const result = await revokeCertificate(admin, certificate.id, reason)
    switch (result.type) {
      case 'revoked':
        session.flash('success', `Certificate ${certificate.displayCode} has been revoked`)
        break
      case 'already_revoked':
        session.flash('error', `Certificate ${certificate.displayCode} was already revoked`)
        break
      case 'not_found':
        return found(null)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('learning.admin.certificates.show', { id: certificate.id })
  }
}
