import { column } from '@adonisjs/lucid/orm'
import { CreatedModel } from '#models/timestamped_model'

/*
 * A person's account at an identity provider (its subject), linked on
 * their first sign-in through it, so later sign-ins find them even if the
 * provider's e-mail address for them changes.
 */
export default class UserIdentity extends CreatedModel {
  @column()
  declare userId: number

  @column()
  declare identityProviderId: number

  @column()
  declare subject: string
}
