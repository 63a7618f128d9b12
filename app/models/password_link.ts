import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { CreatedModel } from '#models/timestamped_model'
import User from '#models/user'
import type { PasswordLinkKind } from '#domain/identity/password_links'

/*
 * A single-use link e-mailed to one person to set their password: an
 * invitation or a password reset. Only a hash of its secret is stored, so
 * the table is worth nothing to someone who reads it. Not audited as a
 * record: the actions that send, revoke and use links audit what happened.
 */
export default class PasswordLink extends CreatedModel {
  @column()
  declare userId: number

  @column()
  declare kind: PasswordLinkKind

  @column()
  declare selector: string

  @column({ serializeAs: null })
  declare secretHash: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column()
  declare createdBy: number | null

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
