import type { HttpContext } from '@adonisjs/core/http'
import { safeReturnPath } from '#services/return_path'
import { signInValidator } from '#validators/identity'
import { minutesToWait, signIn } from '#actions/identity/sign_in'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { endSession, tagSession } from '#services/user_sessions'

export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/identity/sign_in')
  }

  async store({ request, response, auth, session }: HttpContext) {
    const { email, password } = await request.validateUsing(signInValidator)
    const result = await signIn(email, password, request.ip())
    switch (result.type) {
      case 'signed_in':
        // login() gives the session a new id (no fixation); tagging it lets it be ended from elsewhere.
        await auth.use('web').login(result.user)
        await tagSession(session, result.user.id)
        return response.redirect().toPath(safeReturnPath(request.input('returnTo')))
      case 'invalid_credentials':
        return backWithError(session, response, 'Enter a correct email address and password')
      case 'deactivated':
        return backWithError(
          session,
          response,
          'This account has been deactivated. Ask your HR team to restore it'
        )
      case 'throttled':
        response.status(429)
        session.flashExcept(['password', '_csrf'])
        session.flash('inputErrorsBag', {
          email: [
            `Too many attempts to sign in. Wait ${minutesToWait(result.retryAfter)} and try again`,
          ],
        })
        return response.redirect().back()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async destroy({ auth, response, session }: HttpContext) {
    const user = auth.user
    await auth.use('web').logout()
    if (user) {
      await endSession(session, user.id)
      await recordAudit({
        action: AuditActions.SignOut,
        subjectType: 'user',
        subjectId: user.id,
        subjectLabel: user.email,
        organisationId: user.organisationId,
        actorId: user.id,
      })
    }
    session.flash('success', 'You have signed out')
    return response.redirect().toPath('/sign-in')
  }
}

function backWithError(
  session: HttpContext['session'],
  response: HttpContext['response'],
  message: string
) {
  session.flashExcept(['password', '_csrf'])
  session.flash('inputErrorsBag', { email: [message] })
  return response.redirect().back()
}
