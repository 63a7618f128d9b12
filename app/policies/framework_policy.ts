import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/*
 * Everyone signed in reads the framework; only capability admins change it.
 */
export default class FrameworkPolicy extends BasePolicy {
  view(_user: User): AuthorizerResponse {
    return true
  }

  edit(user: User): AuthorizerResponse {
    return user.isCapabilityAdmin
  }
}
