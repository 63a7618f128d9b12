import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/*
 * A person's authenticator app, for two-step verification: the shared
 * secret (encrypted with APP_KEY), when the person confirmed it with a
 * code (null while they are still setting it up) and the last time step
 * a code was accepted for. Not audited as a record: the actions that turn
 * it on and off audit what happened, never the secret.
 */
export default class TwoStepVerification extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column({ serializeAs: null })
  declare secret: string

  @column.dateTime()
  declare confirmedAt: DateTime | null

  @column({ serializeAs: null, consume: (value) => (value === null ? null : Number(value)) })
  declare lastUsedStep: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
