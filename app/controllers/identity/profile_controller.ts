import type { HttpContext } from '@adonisjs/core/http'
import { counted } from '#domain/shared/wording'
import User from '#models/user'
import { changePasswordValidator } from '#validators/identity'
import { changePassword } from '#actions/identity/change_password'
import { minutesToWait } from '#actions/identity/sign_in'
import { signOutElsewhere } from '#actions/identity/sign_out_elsewhere'
import { otherSessionCount, renewSession } from '#services/user_sessions'
import { twoStepIsOn } from '#services/two_step'
import { allowsPasswordSignIn } from '#services/password_sign_in'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

/*
 * Whether the person has a password here to change: not those who sign in
 * only with their department account (they never set one, or their
 * organisation uses single sign-on only).
 */
async function hasPasswordToChange(user: User) {
  return Boolean(user.password) && (await allowsPasswordSignIn(user))
}

export default class ProfileController {
  async show({ auth, session, view }: HttpContext) {
    const user = auth.getUserOrFail()
    await user.load((loader) => {
      loader.load('organisation').load('lineManager').load('team')
    })
    const tokens = await User.accessTokens.all(user)
    const otherSessions = await otherSessionCount(user.id, session.sessionId)
    const passwordChangeable = await hasPasswordToChange(user)
    // Two-step verification guards a password: nothing to show to those without one.
    const twoStepOn = passwordChangeable ? await twoStepIsOn(user.id) : null
    return view.render('pages/identity/profile', {
      user,
      tokens,
      otherSessions,
      passwordChangeable,
      twoStepOn,
    })
  }

  async editPassword({ auth, view }: HttpContext) {
    if (!(await hasPasswordToChange(auth.getUserOrFail()))) throw new RecordNotFoundException()
    return view.render('pages/identity/change_password')
  }

  async updatePassword({ auth, backWithErrors, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    if (!(await hasPasswordToChange(user))) throw new RecordNotFoundException()
    const { currentPassword, newPassword } = await request.validateUsing(changePasswordValidator, {
      meta: { email: user.email, fullName: user.fullName },
    })
    const result = await changePassword(user, currentPassword, newPassword, {
      ip: request.ip(),
      sessionId: session.sessionId,
    })
    switch (result.type) {
      case 'changed':
        await renewSession(session, user.id)
        session.flash('success', passwordChangedMessage(result.tokensRevoked))
        return response.redirect().toRoute('profile.show')
      case 'wrong_current_password':
        return backWithErrors(
          { currentPassword: 'The current password is not correct' },
          { keepInput: false }
        )
      case 'throttled':
        return backWithErrors(
          {
            currentPassword: `Too many wrong passwords have been tried for your account. Wait ${minutesToWait(result.retryAfter)} and try again`,
          },
          { keepInput: false, status: 429 }
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* Ends every other session of the person; this one stays, under a new id. */
  async signOutElsewhere({ auth, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const ended = await signOutElsewhere(user, session.sessionId)
    await renewSession(session, user.id)
    session.flash(
      'success',
      ended === 0
        ? 'You were not signed in anywhere else'
        : `You have been signed out everywhere else (${counted(ended, 'session')} ended)`
    )
    return response.redirect().toRoute('profile.show')
  }
}

function passwordChangedMessage(tokensRevoked: number) {
  const tokens =
    tokensRevoked === 0
      ? ''
      : tokensRevoked === 1
        ? ' and your API token has been revoked'
        : ` and your ${tokensRevoked} API tokens have been revoked`
  return `Your password has been changed. You have been signed out everywhere else${tokens}`
}
