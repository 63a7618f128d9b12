import type { HttpContext } from '@adonisjs/core/http'
import { userResource } from '#transformers/user_transformer'

export default class MeController {
  async show({ auth }: HttpContext) {
    const user = auth.getUserOrFail()
    await user.load((loader) => loader.load('organisation'))
    return { data: userResource(user) }
  }
}
