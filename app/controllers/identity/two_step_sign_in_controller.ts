import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { oneTimeCodeValidator, recoveryCodeValidator } from '#validators/two_step'
import { checkSecondStep, type SecondStepKind } from '#actions/identity/check_second_step'
import { recoveryCodesLeft } from '#actions/identity/make_recovery_codes'
import { recordSignIn } from '#actions/identity/sign_in'
import { dropPendingSignIn, pendingSignIn, type PendingSignIn } from '#services/two_step'
import { tagSession } from '#services/user_sessions'
import { safeReturnPath } from '#services/return_path'
import { counted } from '#domain/shared/wording'
import { secondStepFormError, tooManyCodesFormError } from '#services/sign_in_messages'

/*
 * The second step of signing in with a password, for people with
 * two-step verification: a code from their app, or a recovery code. The
 * password was right; the sign-in waits in the session for a few minutes.
 */
export default class TwoStepSignInController {
  async create({ response, session, view }: HttpContext) {
    if (!pendingSignIn(session)) return startAgain({ response, session })
    return view.render('pages/identity/two_step/sign_in_code')
  }

  async store(ctx: HttpContext) {
    const pending = pendingSignIn(ctx.session)
    if (!pending) return startAgain(ctx)
    const { code } = await ctx.request.validateUsing(oneTimeCodeValidator)
    return check(ctx, pending, code, 'code')
  }

  async recovery({ response, session, view }: HttpContext) {
    if (!pendingSignIn(session)) return startAgain({ response, session })
    return view.render('pages/identity/two_step/sign_in_recovery_code')
  }

  async recoveryStore(ctx: HttpContext) {
    const pending = pendingSignIn(ctx.session)
    if (!pending) return startAgain(ctx)
    const { recoveryCode } = await ctx.request.validateUsing(recoveryCodeValidator)
    return check(ctx, pending, recoveryCode, 'recovery_code')
  }
}

async function check(
  { auth, backWithErrors, request, response, session }: HttpContext,
  pending: PendingSignIn,
  typed: string,
  kind: Exclude<SecondStepKind, 'either'>
) {
  const user = await User.find(pending.userId)
  if (!user?.isActive) {
    dropPendingSignIn(session)
    return startAgain({ response, session })
  }
  const result = await checkSecondStep(user, typed, kind, request.ip())
  const field = kind === 'code' ? 'code' : 'recoveryCode'
  const again = (message: string) =>
    backWithErrors(
      { [field]: message },
      {
        keepInput: false,
        to: [kind === 'code' ? 'twoStepSignIn.create' : 'twoStepSignIn.recovery'],
      }
    )
  switch (result.type) {
    case 'passed': {
      dropPendingSignIn(session)
      // login() gives the session a new id (no fixation); tagging it lets it be ended from elsewhere.
      await auth.use('web').login(user)
      await tagSession(session, user.id)
      await recordSignIn(user, { twoStep: result.via === 'code' ? 'code' : 'recovery code' })
      if (result.via === 'recovery_code') {
        const left = await recoveryCodesLeft(user.id)
        session.flash(
          'success',
          `You signed in with a recovery code. You have ${counted(left, 'recovery code')} left: make new ones from your profile if you are running out`
        )
      }
      return response.redirect().toPath(safeReturnPath(pending.returnTo))
    }
    case 'empty':
    case 'malformed':
    case 'wrong_code':
    case 'code_used':
    case 'wrong_recovery_code':
      return again(secondStepFormError(result, kind))
    case 'too_many':
      // The sign-in ends: after the wait, it starts again from the password.
      dropPendingSignIn(session)
      return backWithErrors(
        { email: tooManyCodesFormError(result.retryAfter) },
        { keepInput: false, status: 429, to: ['session.create'] }
      )
    case 'not_on':
      dropPendingSignIn(session)
      return startAgain({ response, session })
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

/* No sign-in is waiting for a code (it ran out, or never began): back to the password. */
function startAgain({ response, session }: Pick<HttpContext, 'response' | 'session'>) {
  session.flash('error', 'Your sign-in timed out or was not started. Sign in again')
  return response.redirect().toRoute('session.create')
}
