import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import SkillLevelDescriptor from '#models/skill_level_descriptor'
import RoleRequirement from '#models/role_requirement'
import type { StandingsTarget } from '#domain/capability/standings'

export default class Skill extends AuditedModel {
  static auditSubjectType = 'skill'

  /* Retiring, restoring or recategorising a skill moves the standing of the people who need it. */
  standingsAffected(action: string, changed: string[]): StandingsTarget | null {
    if (action !== 'update' || !changed.some((key) => key === 'retiredAt' || key === 'category'))
      return null
    return { skillIds: [this.id] }
  }

  @column()
  declare name: string

  @column()
  declare category: string

  @column()
  declare description: string | null

  @column.dateTime()
  declare retiredAt: DateTime | null

  @hasMany(() => SkillLevelDescriptor)
  declare descriptors: HasMany<typeof SkillLevelDescriptor>

  @hasMany(() => RoleRequirement)
  declare requirements: HasMany<typeof RoleRequirement>

  auditLabel() {
    return this.name
  }
}
