import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import RoleProfile from '#models/role_profile'

export default class RoleFamily extends AuditedModel {
  static auditSubjectType = 'role_family'

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column()
  declare position: number

  @column.dateTime()
  declare retiredAt: DateTime | null

  @hasMany(() => RoleProfile)
  declare roleProfiles: HasMany<typeof RoleProfile>

  auditLabel() {
    return this.name
  }
}
