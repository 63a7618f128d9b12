import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'

/* A Fast Stream scheme, such as Generalist or Digital and Technology. */
export default class FastStreamScheme extends AuditedModel {
  static auditSubjectType = 'fast_stream_scheme'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  auditLabel() {
    return this.name
  }
}
