import type { HttpContext } from '@adonisjs/core/http'
import { counted } from '#services/wording'
import { tokenRequestValidator } from '#validators/identity'
import { signIn } from '#actions/identity/sign_in'
import { issueToken, revokeToken } from '#actions/identity/issue_token'
import { problem } from '#services/api'

export default class TokensController {
  async store({ request, response }: HttpContext) {
    const { email, password, name } = await request.validateUsing(tokenRequestValidator)
    const result = await signIn(email, password, request.ip())
    switch (result.type) {
      case 'signed_in': {
        const token = await issueToken(result.user, name ?? 'API token')
        return response.created({
          type: 'bearer',
          token: token.value!.release(),
          expiresAt: token.expiresAt?.toISOString() ?? null,
        })
      }
      case 'invalid_credentials':
        return problem(response, 401, 'The email address or password is not correct.')
      case 'deactivated':
        return problem(response, 403, 'This account has been deactivated.')
      case 'single_sign_on_only':
        return problem(
          response,
          403,
          'Your organisation signs you in with your department account, so the API cannot give you a token for a password. Sign in to the service with your department account and create a token on your profile page.'
        )
      case 'throttled':
        response.header('Retry-After', String(result.retryAfter))
        return problem(
          response,
          429,
          `Too many attempts. Try again in ${counted(result.retryAfter, 'second')}.`
        )
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
