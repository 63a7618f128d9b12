import { DateTime } from 'luxon'
import { beforeCreate, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import Course from '#models/course'
import ModuleProgress from '#models/module_progress'
import type { SelfPacedStatus } from '#enums/learning'

/* One person's run through a self-paced course, from starting it to completing it. */
export default class SelfPacedEnrolment extends UserOwnedModel {
  static auditSubjectType = 'self_paced_enrolment'

  @column()
  declare courseId: number

  @column()
  declare status: SelfPacedStatus

  /* The course while the run is in progress, so a person has one run of a course under way. */
  @column()
  declare activeCourseId: number | null

  @column.dateTime()
  declare startedAt: DateTime

  @column.dateTime()
  declare completedAt: DateTime | null

  /* Who enrolled the person, when it was not themselves. */
  @column()
  declare nominatedBy: number | null

  /* The course's cost when it was started: what the run commits to a training budget (ADR 20). */
  @column()
  declare costPence: number

  @beforeCreate()
  static async keepCost(enrolment: SelfPacedEnrolment) {
    if (enrolment.costPence !== undefined) return
    const client = enrolment.$trx ?? SelfPacedEnrolment.query().client
    const row = await client
      .from('courses')
      .where('id', enrolment.courseId)
      .select('cost_pence')
      .first()
    enrolment.costPence = Number(row?.cost_pence ?? 0)
  }

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>

  @hasMany(() => ModuleProgress)
  declare moduleProgress: HasMany<typeof ModuleProgress>

  auditLabel() {
    return `Self-paced enrolment ${this.id}`
  }
}
