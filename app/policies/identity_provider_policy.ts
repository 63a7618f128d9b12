import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/*
 * Identity providers decide who may sign in as whom across government, so
 * only capability admins see or change them.
 */
export default class IdentityProviderPolicy extends BasePolicy {
  manage(user: User): AuthorizerResponse {
    return user.isCapabilityAdmin
  }
}
