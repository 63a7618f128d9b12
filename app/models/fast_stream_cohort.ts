import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'

/* The entrants who joined in one intake year. */
export default class FastStreamCohort extends AuditedModel {
  static auditSubjectType = 'fast_stream_cohort'

  @column()
  declare name: string

  @column()
  declare intakeYear: number

  auditLabel() {
    return this.name
  }
}
