import type { HttpContext } from '@adonisjs/core/http'
import { checkLink, usePasswordLink, type LinkCheck } from '#actions/identity/use_password_link'
import { createPasswordValidator, resetPasswordValidator } from '#validators/password_links'
import { endSession, tagSession } from '#services/user_sessions'
import { PasswordLinkKinds } from '#domain/identity/password_links'
import { holdSignIn } from '#services/two_step'

/*
 * The page a link from an invitation or a password reset opens: a form
 * to set the password, which then signs the person in, in a new session.
 * A link that cannot be used says why and what to do instead.
 */
export default class PasswordLinksController {
  async show({ params, response, view }: HttpContext) {
    const check = await checkLink(params.token)
    if (check.type !== 'usable') return unusable({ response, view }, check)
    return view.render('pages/identity/set_password', {
      invitation: check.link.kind === PasswordLinkKinds.Invitation,
      person: { fullName: check.user.fullName, email: check.user.email },
      action: `/set-password/${params.token}`,
    })
  }

  async update({ auth, params, request, response, session, view }: HttpContext) {
    const check = await checkLink(params.token)
    if (check.type !== 'usable') return unusable({ response, view }, check)
    const { link, user } = check
    const validator =
      link.kind === PasswordLinkKinds.Invitation ? createPasswordValidator : resetPasswordValidator
    const { newPassword } = await request.validateUsing(validator, {
      meta: { email: user.email, fullName: user.fullName },
    })
    const result = await usePasswordLink(link, user, newPassword)
    if (result.type === 'gone')
      return unusable({ response, view }, { type: 'used', kind: link.kind })

    // Whoever was signed in in this browser is signed out; login() gives the session a new id.
    if (auth.user) await endSession(session, auth.user.id)
    if (result.twoStepNeeded) {
      // A new password leaves two-step verification on, and the code is still needed.
      if (auth.user) await auth.use('web').logout()
      holdSignIn(session, user.id, '/')
      session.flash(
        'success',
        `Your password has been changed. You have been signed out everywhere else${tokensClause(result.tokensRevoked)}. Enter the code from your authenticator app to sign in`
      )
      return response.redirect().toRoute('twoStepSignIn.create')
    }
    await auth.use('web').login(user)
    await tagSession(session, user.id)
    session.flash(
      'success',
      result.kind === PasswordLinkKinds.Invitation
        ? 'Your password has been created and you are signed in'
        : resetMessage(result.tokensRevoked)
    )
    return response.redirect().toRoute('home')
  }
}

function tokensClause(tokensRevoked: number) {
  return tokensRevoked === 0
    ? ''
    : tokensRevoked === 1
      ? ' and your API token has been revoked'
      : ` and your ${tokensRevoked} API tokens have been revoked`
}

function resetMessage(tokensRevoked: number) {
  return `Your password has been changed and you are signed in. You have been signed out everywhere else${tokensClause(tokensRevoked)}`
}

/* A link that does not work: 404 when there is no such link, 410 when it has been used up. */
function unusable(
  { response, view }: Pick<HttpContext, 'response' | 'view'>,
  check: Exclude<LinkCheck, { type: 'usable' }>
) {
  response.status(check.type === 'unknown' ? 404 : 410)
  return view.render('pages/identity/link_unusable', {
    reason: check.type,
    invitation: check.type !== 'unknown' && check.kind === PasswordLinkKinds.Invitation,
  })
}
