import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/*
 * A person's account at an identity provider (its subject), linked on
 * their first sign-in through it, so later sign-ins find them even if the
 * provider's e-mail address for them changes.
 */
export default class UserIdentity extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare identityProviderId: number

  @column()
  declare subject: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
