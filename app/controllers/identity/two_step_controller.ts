import type { HttpContext } from '@adonisjs/core/http'
import {
  activeTwoStep,
  mayUseTwoStep,
  mustSetUpTwoStep,
  qrCodeSvg,
  setUpAddress,
} from '#services/two_step'
import {
  newRecoveryCodesValidator,
  oneTimeCodeValidator,
  turnOffTwoStepValidator,
} from '#validators/two_step'
import {
  confirmTwoStep,
  secretBeingSetUp,
  startTwoStepSetUp,
} from '#actions/identity/set_up_two_step'
import { makeRecoveryCodes, recoveryCodesLeft } from '#actions/identity/make_recovery_codes'
import { turnOffOwnTwoStep, type ConfirmResult } from '#actions/identity/turn_off_two_step'
import { minutesToWait } from '#actions/identity/sign_in'
import { formatRecoveryCode, secretForReading } from '#domain/identity/two_step'
import { found } from '#services/params'
import { CODE_MESSAGES } from '#services/sign_in_messages'

/*
 * A person's own two-step verification, from their profile: setting it
 * up with an authenticator app, recovery codes, and turning it off.
 */
export default class TwoStepController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const record = await activeTwoStep(user.id)
    return view.render('pages/identity/two_step/show', {
      available: await mayUseTwoStep(user),
      since: record?.confirmedAt ?? null,
      recoveryCodesLeft: record ? await recoveryCodesLeft(user.id) : 0,
    })
  }

  /* The QR code and the secret for the app, and a field for the code that proves the app has it. */
  async create({ auth, response, session, view }: HttpContext) {
    const user = auth.getUserOrFail()
    if (!(await mayUseTwoStep(user))) return response.redirect().toRoute('twoStep.show')
    const started = await startTwoStepSetUp(user)
    if (started.type === 'already_on') {
      session.flash('success', 'Two-step verification is already on')
      return response.redirect().toRoute('twoStep.show')
    }
    return view.render('pages/identity/two_step/set_up', {
      secret: secretForReading(started.secret),
      compulsory: await mustSetUpTwoStep(user),
    })
  }

  /* The set-up's QR code, as an image of its own (never inline markup), kept by no cache. */
  async qrCode({ auth, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const secret = found(await secretBeingSetUp(user))
    response.header('Content-Type', 'image/svg+xml; charset=utf-8')
    response.header('Cache-Control', 'no-store')
    return qrCodeSvg(setUpAddress(user.email, secret))
  }

  async store({ auth, backWithErrors, request, response, session, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const { code } = await request.validateUsing(oneTimeCodeValidator)
    const result = await confirmTwoStep(user, code)
    switch (result.type) {
      case 'turned_on':
        return view.render('pages/identity/two_step/recovery_codes', {
          ...recoveryCodesPage(result.recoveryCodes),
          turnedOn: true,
        })
      case 'empty':
      case 'malformed':
      case 'wrong_code':
        return backWithErrors(
          { code: CODE_MESSAGES[result.type] },
          { keepInput: false, to: ['twoStep.create'] }
        )
      case 'not_started':
        return backWithErrors(
          {
            code: 'Your set-up had ended. Add the account to your app again with this new QR code',
          },
          { keepInput: false, to: ['twoStep.create'] }
        )
      case 'already_on':
        session.flash('success', 'Two-step verification is already on')
        return response.redirect().toRoute('twoStep.show')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* New recovery codes in place of the old, shown once, after the password or a code. */
  async recoveryCodes({ auth, backWithErrors, request, response, session, view }: HttpContext) {
    const { confirmPasswordOrCode } = await request.validateUsing(newRecoveryCodesValidator)
    const result = await makeRecoveryCodes(
      auth.getUserOrFail(),
      confirmPasswordOrCode,
      request.ip()
    )
    switch (result.type) {
      case 'made':
        return view.render('pages/identity/two_step/recovery_codes', {
          ...recoveryCodesPage(result.codes),
          turnedOn: false,
        })
      case 'not_on':
        session.flash('error', 'Two-step verification is off, so you have no recovery codes')
        return response.redirect().toRoute('twoStep.show')
      default: {
        const [message, status] = notConfirmed(result)
        return backWithErrors(
          { confirmPasswordOrCode: message },
          { keepInput: false, status, to: ['twoStep.show'] }
        )
      }
    }
  }

  async destroy({ auth, backWithErrors, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const { passwordOrCode } = await request.validateUsing(turnOffTwoStepValidator)
    const result = await turnOffOwnTwoStep(user, passwordOrCode, request.ip())
    switch (result.type) {
      case 'turned_off':
        session.flash(
          'success',
          'Two-step verification is off. You sign in with your password only'
        )
        return response.redirect().toRoute('twoStep.show')
      case 'not_on':
        session.flash('success', 'Two-step verification is already off')
        return response.redirect().toRoute('twoStep.show')
      default: {
        const [message, status] = notConfirmed(result)
        return backWithErrors(
          { passwordOrCode: message },
          { keepInput: false, status, to: ['twoStep.show'] }
        )
      }
    }
  }
}

/* Why a password or code given to confirm a change was not taken, and the answer's status. */
function notConfirmed(
  result: Exclude<ConfirmResult, { type: 'confirmed' | 'not_on' }>
): [string, number | undefined] {
  switch (result.type) {
    case 'wrong_password':
    case 'wrong_code':
      return ['The password or code is not correct', undefined]
    case 'code_used':
      return [CODE_MESSAGES.code_used, undefined]
    case 'throttled':
      return [
        `Too many wrong passwords or codes have been tried for your account. Wait ${minutesToWait(result.retryAfter)} and try again`,
        429,
      ]
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

/* The codes as shown, and as a text file to keep. */
function recoveryCodesPage(codes: string[]) {
  const shown = codes.map(formatRecoveryCode)
  const text = [
    'Digital Capability Service: recovery codes for two-step verification',
    'Each code works once, in place of a code from your authenticator app.',
    '',
    ...shown,
    '',
  ].join('\n')
  return { codes: shown, download: `data:text/plain;charset=utf-8,${encodeURIComponent(text)}` }
}
