import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import FrameworkRecordModel from '#models/framework_record_model'
import RoleProfile from '#models/role_profile'
import RoleRequirement from '#models/role_requirement'
import type { StandingsTarget } from '#domain/capability/standings'

export default class RoleLevel extends FrameworkRecordModel {
  static auditSubjectType = 'role_level'

  /* Moving a role level to another profile moves where its people are counted. */
  standingsAffected(action: string, changed: string[]): StandingsTarget | null {
    if (action !== 'update' || !changed.includes('roleProfileId')) return null
    return { roleLevelIds: [this.id] }
  }

  @column()
  declare roleProfileId: number

  @column()
  declare position: number

  /* Stored as "HEO,SEO"; read as a list. */
  @column({
    prepare: (value: string[] | null) => (value && value.length ? value.join(',') : null),
    consume: (value: string | null) => (value ? value.split(',') : []),
  })
  declare typicalGrades: string[]

  @belongsTo(() => RoleProfile)
  declare roleProfile: BelongsTo<typeof RoleProfile>

  @hasMany(() => RoleRequirement)
  declare requirements: HasMany<typeof RoleRequirement>
}
