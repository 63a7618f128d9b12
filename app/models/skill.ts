import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import FrameworkRecordModel from '#models/framework_record_model'
import SkillLevelDescriptor from '#models/skill_level_descriptor'
import RoleRequirement from '#models/role_requirement'
import type { StandingsTarget } from '#domain/capability/standings'

export default class Skill extends FrameworkRecordModel {
  static auditSubjectType = 'skill'

  /* Retiring, restoring or recategorising a skill moves the standing of the people who need it. */
  standingsAffected(action: string, changed: string[]): StandingsTarget | null {
    if (action !== 'update' || !changed.some((key) => key === 'retiredAt' || key === 'category'))
      return null
    return { skillIds: [this.id] }
  }

  @column()
  declare category: string

  @hasMany(() => SkillLevelDescriptor)
  declare descriptors: HasMany<typeof SkillLevelDescriptor>

  @hasMany(() => RoleRequirement)
  declare requirements: HasMany<typeof RoleRequirement>
}
