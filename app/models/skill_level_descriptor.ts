import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'

export default class SkillLevelDescriptor extends AuditedModel {
  static auditSubjectType = 'skill_level_descriptor'

  @column()
  declare skillId: number

  @column()
  declare level: number

  @column()
  declare descriptor: string
}
