import type { HttpContext } from '@adonisjs/core/http'
import { newTokenValidator } from '#validators/identity'
import { issueToken, revokeToken } from '#actions/identity/issue_token'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

export default class AccessTokensController {
  /* Shows the new secret on this response only: it is never stored or flashed. */
  async store({ auth, request, view, response }: HttpContext) {
    const { name } = await request.validateUsing(newTokenValidator)
    const token = await issueToken(auth.getUserOrFail(), name)
    response.status(201)
    return view.render('pages/identity/token_created', { token, secret: token.value!.release() })
  }

  async destroy({ auth, params, response, session }: HttpContext) {
    const revoked = await revokeToken(auth.getUserOrFail(), params.id)
    if (!revoked) throw new RecordNotFoundException()
    session.flash('success', 'The token has been revoked')
    return response.redirect().toRoute('profile.show')
  }
}
