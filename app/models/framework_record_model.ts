import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'

/*
 * Base for the parts of the framework that are retired rather than deleted
 * (role families, role profiles, role levels and skills): each has a name,
 * by which the audit trail knows it, and a description, and stays hidden
 * but kept while it is retired.
 */
export default class FrameworkRecordModel extends AuditedModel {
  @column()
  declare name: string

  @column()
  declare description: string | null

  @column.dateTime()
  declare retiredAt: DateTime | null

  auditLabel() {
    return this.name
  }
}
