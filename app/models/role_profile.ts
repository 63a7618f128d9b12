import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import FrameworkRecordModel from '#models/framework_record_model'
import RoleFamily from '#models/role_family'
import RoleLevel from '#models/role_level'
import type { StandingsTarget } from '#domain/capability/standings'

export default class RoleProfile extends FrameworkRecordModel {
  static auditSubjectType = 'role_profile'

  /* Moving a role profile to another family moves where its people are counted. */
  standingsAffected(action: string, changed: string[]): StandingsTarget | null {
    if (action !== 'update' || !changed.includes('roleFamilyId')) return null
    return { roleProfileIds: [this.id] }
  }

  @column()
  declare roleFamilyId: number

  @belongsTo(() => RoleFamily)
  declare roleFamily: BelongsTo<typeof RoleFamily>

  @hasMany(() => RoleLevel)
  declare roleLevels: HasMany<typeof RoleLevel>
}
