import { column, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Course from '#models/course'
import User from '#models/user'

export default class Provider extends AuditedModel {
  static auditSubjectType = 'provider'

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare organisationId: number | null

  @hasMany(() => Course)
  declare courses: HasMany<typeof Course>

  @manyToMany(() => User, {
    pivotTable: 'provider_admins',
    pivotTimestamps: { createdAt: 'created_at', updatedAt: false },
  })
  declare admins: ManyToMany<typeof User>

  auditLabel() {
    return this.name
  }
}
