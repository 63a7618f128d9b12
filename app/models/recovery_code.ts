import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { CreatedModel } from '#models/timestamped_model'

/*
 * One recovery code of a person with two-step verification: used once in
 * place of a code from their authenticator app. Only a hash is stored.
 */
export default class RecoveryCode extends CreatedModel {
  @column()
  declare userId: number

  @column({ serializeAs: null })
  declare codeHash: string

  @column.dateTime()
  declare usedAt: DateTime | null
}
