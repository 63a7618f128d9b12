import { DateTime } from 'luxon'
import { beforeDelete, beforeUpdate, column } from '@adonisjs/lucid/orm'
import { numberColumn } from '#models/columns'
import { CreatedModel } from '#models/timestamped_model'

/*
 * One measure of one organisation's tree (or of all government, when the
 * organisation is null) on one day. Snapshots are history: once written
 * they are never changed or removed, so the model refuses both.
 */
export default class MetricSnapshot extends CreatedModel {
  @column()
  declare organisationId: number | null

  @column()
  declare organisationKey: number

  @column()
  declare measure: string

  @column.date()
  declare takenOn: DateTime

  @numberColumn()
  declare value: number

  @beforeUpdate()
  static refuseUpdate() {
    throw new Error('A metric snapshot never changes once written.')
  }

  @beforeDelete()
  static refuseDelete() {
    throw new Error('A metric snapshot is never removed.')
  }
}
