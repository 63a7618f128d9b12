import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { booleanColumn, numberColumn } from '#models/columns'
import AuditedModel from '#models/audited_model'
import Provider from '#models/provider'
import CourseOutcome from '#models/course_outcome'
import CourseAudience from '#models/course_audience'
import CourseSession from '#models/course_session'
import CourseModule from '#models/course_module'
import type { CourseDelivery, CourseMode, CourseStatus } from '#enums/learning'

export default class Course extends AuditedModel {
  static auditSubjectType = 'course'

  @column()
  declare providerId: number

  @column()
  declare code: string

  @column()
  declare title: string

  @column()
  declare summary: string | null

  @column()
  declare mode: CourseMode

  @column()
  declare delivery: CourseDelivery

  /* How many months a completion stays valid; null when it does not expire. */
  @column()
  declare validityMonths: number | null

  @numberColumn()
  declare durationHours: number

  @column()
  declare costPence: number

  @column()
  declare status: CourseStatus

  @booleanColumn()
  declare requiresApproval: boolean

  @belongsTo(() => Provider)
  declare provider: BelongsTo<typeof Provider>

  @hasMany(() => CourseOutcome)
  declare outcomes: HasMany<typeof CourseOutcome>

  @hasMany(() => CourseAudience)
  declare audiences: HasMany<typeof CourseAudience>

  @hasMany(() => CourseSession)
  declare sessions: HasMany<typeof CourseSession>

  /* A self-paced course's content, in order. */
  @hasMany(() => CourseModule, { onQuery: (query) => query.orderBy('position') })
  declare modules: HasMany<typeof CourseModule>

  auditLabel() {
    return `${this.code} ${this.title}`
  }
}
