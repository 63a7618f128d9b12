import type { HttpContext } from '@adonisjs/core/http'
import { UserTransformer } from '#transformers/identity_transformer'
import { apiSerializer } from '#services/api'

export default class MeController {
  async show({ auth }: HttpContext) {
    const user = auth.getUserOrFail()
    await user.load((loader) => loader.load('organisation'))
    return apiSerializer.serialize(UserTransformer.transform(user))
  }
}
