import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/*
 * Base for tables whose rows have an id and keep when they were added
 * (created_at) but not when they last changed. Lucid copies a model's
 * columns to the models that extend it, so those declare only their own.
 */
export class CreatedModel extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

/* Base for tables whose rows also keep when they last changed (updated_at). */
export default class TimestampedModel extends CreatedModel {
  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
