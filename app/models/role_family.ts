import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import FrameworkRecordModel from '#models/framework_record_model'
import RoleProfile from '#models/role_profile'

export default class RoleFamily extends FrameworkRecordModel {
  static auditSubjectType = 'role_family'

  @column()
  declare position: number

  @hasMany(() => RoleProfile)
  declare roleProfiles: HasMany<typeof RoleProfile>
}
