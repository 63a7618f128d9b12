import type { HttpContext } from '@adonisjs/core/http'
import { verifyCertificate } from '#actions/learning/verify_certificate'
import {
  longDate,
  standingWords,
  verifyThrottledMessage,
  VERIFY_MESSAGES,
} from '#services/certificate_messages'

type Verdict = {
  code: string
  errors?: Record<string, string[]>
  notFound?: boolean
  result?: Record<string, string>
}

const PAGE = 'pages/learning/certificates/verify'

/*
 * Checking a certificate, for anyone, signed in or not: a code gives the
 * name on the certificate, the course, when it was completed and whether
 * it is valid, expired or revoked; nothing else about the person.
 */
export default class CertificateVerificationController {
  async show({ request, response, view }: HttpContext) {
    const typed = request.qs().code
    const render = (verdict: Verdict) =>
      view.render(PAGE, { errors: {}, notFound: false, result: null, ...verdict })
    if (typed === undefined) return render({ code: '' })
    const entered = typeof typed === 'string' ? typed : ''
    const result = await verifyCertificate(typed, request.ip())
    const refused = (message: string, status = 422) => {
      response.status(status)
      return render({ code: entered, errors: { code: [message] } })
    }
    switch (result.type) {
      case 'empty':
        return refused(VERIFY_MESSAGES.empty)
      case 'malformed':
        return refused(VERIFY_MESSAGES.malformed)
      case 'throttled':
        response.header('Retry-After', String(result.retryAfter))
        return refused(verifyThrottledMessage(result.retryAfter), 429)
      case 'no_certificate':
        response.status(404)
        return render({ code: entered, notFound: true })
      case 'found': {
        const { certificate } = result
        return render({
          code: entered,
          result: {
            name: certificate.name,
            courseTitle: certificate.courseTitle,
            completedOn: longDate(certificate.completedOn),
            standing: certificate.standing,
            standingWords: standingWords(certificate),
            displayCode: certificate.displayCode,
          },
        })
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
