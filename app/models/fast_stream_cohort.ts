import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'

/* The entrants who joined in one intake year. */
export default class FastStreamCohort extends AuditedModel {
  static auditSubjectType = 'fast_stream_cohort'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare intakeYear: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  auditLabel() {
    return this.name
  }
}
