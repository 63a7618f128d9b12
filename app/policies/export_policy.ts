import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Export from '#models/export'

/*
 * An export holds what its maker may see, filtered their way: only they
 * may watch it or download it. Anyone else is answered 404.
 */
export default class ExportPolicy extends BasePolicy {
  view(user: User, record: Export): AuthorizerResponse {
    return record.userId === user.id
  }
}
