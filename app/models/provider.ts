import { DateTime } from 'luxon'
import { column, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Course from '#models/course'
import User from '#models/user'

export default class Provider extends AuditedModel {
  static auditSubjectType = 'provider'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare organisationId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

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
