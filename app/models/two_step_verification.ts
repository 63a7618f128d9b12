import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import TimestampedModel from '#models/timestamped_model'

/*
 * A person's authenticator app, for two-step verification: the shared
 * secret (encrypted with APP_KEY), when the person confirmed it with a
 * code (null while they are still setting it up) and the last time step
 * a code was accepted for. Not audited as a record: the actions that turn
 * it on and off audit what happened, never the secret.
 */
export default class TwoStepVerification extends TimestampedModel {
  @column()
  declare userId: number

  @column({ serializeAs: null })
  declare secret: string

  @column.dateTime()
  declare confirmedAt: DateTime | null

  @column({ serializeAs: null, consume: (value) => (value === null ? null : Number(value)) })
  declare lastUsedStep: number | null
}
