import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import { AccessTokensLucidUserProvider } from '@adonisjs/auth/access_tokens'
import type { LucidAuthenticatable } from '@adonisjs/auth/types/session'
import type { LucidTokenable } from '@adonisjs/auth/types/access_tokens'

/*
 * The auth guards' user providers, reading the person and their identity
 * (app/services/identity.ts) in the one query the guard makes on every
 * request, instead of the person first and their identity after.
 */
export class SessionIdentityUserProvider<
  UserModel extends LucidAuthenticatable,
> extends SessionLucidUserProvider<UserModel> {
  async findById(identifier: string | number | bigint) {
    const { findWithIdentity } = await import('#services/identity')
    const user = await findWithIdentity(identifier)
    if (!user) return null
    return this.createUserForGuard(user as InstanceType<UserModel>)
  }
}

/* The same for the API's bearer tokens: the token is checked first, then its person is read with their identity. */
export class TokensIdentityUserProvider<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  async findById(identifier: string | number | bigint) {
    const { findWithIdentity } = await import('#services/identity')
    const user = await findWithIdentity(identifier)
    if (!user) return null
    return this.createUserForGuard(user as InstanceType<UserModel>)
  }
}
