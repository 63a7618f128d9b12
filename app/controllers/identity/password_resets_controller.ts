import type { HttpContext } from '@adonisjs/core/http'
import { requestPasswordReset } from '#actions/identity/request_password_reset'
import { minutesToWait } from '#actions/identity/sign_in'
import { forgotPasswordValidator } from '#validators/password_links'

/*
 * "Forgot your password?": asks for an e-mail address and answers the
 * same whether or not it has an account.
 */
export default class PasswordResetsController {
  async create({ session, view }: HttpContext) {
    return view.render('pages/identity/forgot_password', {
      sentTo: session.flashMessages.get('resetSentTo') ?? null,
    })
  }

  async store({ backWithErrors, request, response, session }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    const result = await requestPasswordReset(email, {
      ip: request.ip(),
      requestId: request.id() ?? null,
    })
    switch (result.type) {
      case 'accepted':
        session.flash('resetSentTo', email)
        return response.redirect().toRoute('passwordReset.create')
      case 'throttled':
        return backWithErrors(
          {
            email: `Too many links have been asked for. Wait ${minutesToWait(result.retryAfter)} and try again`,
          },
          { status: 429 }
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
