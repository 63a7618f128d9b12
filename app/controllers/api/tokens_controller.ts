import type { HttpContext } from '@adonisjs/core/http'
import { tokenRequestValidator } from '#validators/identity'
import { recordSignIn, signIn } from '#actions/identity/sign_in'
import { issueToken, revokeToken } from '#actions/identity/issue_token'
import { checkSecondStep } from '#actions/identity/check_second_step'
import { apiSerializer, problem } from '#services/api'
import { secondStepProblem, signInProblem } from '#services/sign_in_messages'
import { mustSetUpTwoStep } from '#services/two_step'
import type User from '#models/user'
import { TokenTransformer } from '#transformers/identity_transformer'

export default class TokensController {
  async store({ request, response }: HttpContext) {
    const { email, password, name, code } = await request.validateUsing(tokenRequestValidator)
    const result = await signIn(email, password, request.ip())
    switch (result.type) {
      case 'signed_in': {
        await result.user.load('roles')
        if (await mustSetUpTwoStep(result.user)) {
          return problem(
            response,
            403,
            'Your role needs two-step verification before you can use the service. Sign in to the service, set it up on your profile, then ask for a token with the code from your authenticator app.'
          )
        }
        return created(response, result.user, name)
      }
      case 'two_step_needed': {
        if (code === undefined || code === null || code.trim() === '') {
          return problem(
            response,
            401,
            'This account uses two-step verification. Send the 6-digit code from the authenticator app, or one of the recovery codes, as code.'
          )
        }
        const check = await checkSecondStep(result.user, code, 'either', request.ip())
        switch (check.type) {
          case 'passed':
            await recordSignIn(result.user, {
              twoStep: check.via === 'code' ? 'code' : 'recovery code',
            })
            return created(response, result.user, name)
          case 'empty':
          case 'malformed':
          case 'wrong_code':
          case 'wrong_recovery_code':
          case 'code_used':
          case 'not_on':
            return problem(response, ...secondStepProblem(check))
          case 'too_many':
            response.header('Retry-After', String(check.retryAfter))
            return problem(response, ...secondStepProblem(check))
          default: {
            const unreachable: never = check
            return unreachable
          }
        }
      }
      case 'invalid_credentials':
      case 'deactivated':
      case 'single_sign_on_only':
        return problem(response, ...signInProblem(result))
      case 'throttled':
        response.header('Retry-After', String(result.retryAfter))
        return problem(response, ...signInProblem(result))
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async destroyCurrent({ auth, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await revokeToken(user, String(user.currentAccessToken.identifier))
    return response.noContent()
  }
}

/* A new token for the person, shown this once. */
async function created(response: HttpContext['response'], user: User, name: string | undefined) {
  const token = await issueToken(user, name ?? 'API token')
  return response.created(
    await apiSerializer.serializeWithoutWrapping(TokenTransformer.transform(token))
  )
}
