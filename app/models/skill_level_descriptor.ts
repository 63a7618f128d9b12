import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'

export default class SkillLevelDescriptor extends AuditedModel {
  static auditSubjectType = 'skill_level_descriptor'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare skillId: number

  @column()
  declare level: number

  @column()
  declare descriptor: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
