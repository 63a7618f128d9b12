import { DateTime } from 'luxon'
import { BaseModel, beforeDelete, beforeUpdate, column } from '@adonisjs/lucid/orm'

/*
 * One measure of one organisation's tree (or of all government, when the
 * organisation is null) on one day. Snapshots are history: once written
 * they are never changed or removed, so the model refuses both.
 */
export default class MetricSnapshot extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number | null

  @column()
  declare organisationKey: number

  @column()
  declare measure: string

  @column.date()
  declare takenOn: DateTime

  @column({ consume: (value) => Number(value) })
  declare value: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @beforeUpdate()
  static refuseUpdate() {
    throw new Error('A metric snapshot never changes once written.')
  }

  @beforeDelete()
  static refuseDelete() {
    throw new Error('A metric snapshot is never removed.')
  }
}
