import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { changePasswordValidator } from '#validators/identity'
import { changePassword } from '#actions/identity/change_password'

export default class ProfileController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    await user.load((loader) => {
      loader.load('organisation').load('lineManager').load('team')
    })
    const tokens = await User.accessTokens.all(user)
    return view.render('pages/identity/profile', { user, tokens })
  }

  async editPassword({ view }: HttpContext) {
    return view.render('pages/identity/change_password')
  }

  async updatePassword({ auth, request, response, session }: HttpContext) {
    const { currentPassword, newPassword } = await request.validateUsing(changePasswordValidator)
    const result = await changePassword(auth.getUserOrFail(), currentPassword, newPassword)
    switch (result.type) {
      case 'changed':
        session.flash('success', 'Your password has been changed')
        return response.redirect().toPath('/profile')
      case 'wrong_current_password':
        session.flash('inputErrorsBag', {
          currentPassword: ['The current password is not correct'],
        })
        return response.redirect().back()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
