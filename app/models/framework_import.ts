import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { CreatedModel } from '#models/timestamped_model'
import User from '#models/user'

/*
 * An uploaded framework file, kept between its preview and its application
 * so any web process can apply what the administrator saw.
 */
export default class FrameworkImport extends CreatedModel {
  @column()
  declare uploadedBy: number | null

  @column()
  declare fileName: string

  @column({ serializeAs: null })
  declare content: string

  @column()
  declare status: 'previewed' | 'applied'

  @column()
  declare summary: string | null

  @column.dateTime()
  declare appliedAt: DateTime | null

  @belongsTo(() => User, { foreignKey: 'uploadedBy' })
  declare uploader: BelongsTo<typeof User>
}
