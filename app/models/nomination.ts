import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import type { NominationSource } from '#domain/learning/nomination'

/*
 * One nomination: a line manager or HR booking people on a session (or a
 * self-paced course) on their behalf. What happened to each person is in
 * nomination_people, so the result can be read again.
 */
export default class Nomination extends AuditedModel {
  static auditSubjectType = 'nomination'

  @column()
  declare nominatedBy: number | null

  @column()
  declare courseId: number

  @column()
  declare sessionId: number | null

  @column()
  declare source: NominationSource

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>

  @belongsTo(() => CourseSession, { foreignKey: 'sessionId' })
  declare session: BelongsTo<typeof CourseSession>

  auditLabel() {
    return `Nomination ${this.id}`
  }

  auditOrganisationId() {
    return this.nominatedBy === null ? null : this.organisationOfUser(this.nominatedBy)
  }
}
