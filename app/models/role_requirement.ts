import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import RoleLevel from '#models/role_level'
import Skill from '#models/skill'
import type { StandingsTarget } from '#domain/capability/standings'

export default class RoleRequirement extends AuditedModel {
  static auditSubjectType = 'role_requirement'

  /* Every change to it moves the standing of the people holding its role level. */
  standingsAffected(): StandingsTarget {
    return { roleLevelIds: [this.roleLevelId] }
  }

  @column()
  declare roleLevelId: number

  @column()
  declare skillId: number

  @column()
  declare level: number

  @belongsTo(() => RoleLevel)
  declare roleLevel: BelongsTo<typeof RoleLevel>

  @belongsTo(() => Skill)
  declare skill: BelongsTo<typeof Skill>
}
