import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { CreatedModel } from '#models/timestamped_model'
import User from '#models/user'

export default class AuditEvent extends CreatedModel {
  @column()
  declare actorId: number | null

  @column()
  declare action: string

  @column()
  declare subjectType: string

  @column()
  declare subjectId: string | null

  @column()
  declare subjectLabel: string | null

  @column()
  declare organisationId: number | null

  @column()
  declare before: string | null

  @column()
  declare after: string | null

  @column()
  declare ip: string | null

  @column()
  declare requestId: string | null

  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>

  get beforeValues(): Record<string, unknown> {
    return this.before ? JSON.parse(this.before) : {}
  }

  get afterValues(): Record<string, unknown> {
    return this.after ? JSON.parse(this.after) : {}
  }

  /*
   * The fields this event changed, with their old and new values.
   */
  get changes() {
    const before = this.beforeValues
    const after = this.afterValues
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.map((field) => ({ field, before: before[field], after: after[field] }))
  }
}
