import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'
import type { Programme } from '#domain/fast_stream/programmes'

/*
 * A scheme people join, such as the Fast Stream's Generalist or Digital and
 * Technology schemes, or a Future Leaders Scheme: its programme sets the rules.
 */
export default class FastStreamScheme extends AuditedModel {
  static auditSubjectType = 'fast_stream_scheme'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare description: string | null

  /* Fast Stream or Future Leaders: fixed once the scheme is added. */
  @column()
  declare programme: Programme

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  auditLabel() {
    return this.name
  }
}
