import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'
import type { Programme } from '#domain/fast_stream/programmes'

/*
 * A scheme people join, such as the Fast Stream's Generalist or Digital and
 * Technology schemes, or a Future Leaders Scheme: its programme sets the rules.
 */
export default class FastStreamScheme extends AuditedModel {
  static auditSubjectType = 'fast_stream_scheme'

  @column()
  declare name: string

  @column()
  declare description: string | null

  /* Fast Stream or Future Leaders: fixed once the scheme is added. */
  @column()
  declare programme: Programme

  auditLabel() {
    return this.name
  }
}
