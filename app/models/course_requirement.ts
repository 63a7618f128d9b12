import { DateTime } from 'luxon'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Course from '#models/course'
import Organisation from '#models/organisation'
import RoleProfile from '#models/role_profile'
import User from '#models/user'
import CourseRequirementPerson from '#models/course_requirement_person'
import type { RequirementAudience, RequirementDueKind } from '#enums/required_learning'
import type { Grade } from '#enums/grades'

/*
 * A course required of an audience, due on a fixed day or some days after
 * joining the audience, and again every so many months when it recurs.
 */
export default class CourseRequirement extends AuditedModel {
  static auditSubjectType = 'course_requirement'

  @column()
  declare courseId: number

  @column()
  declare audienceKind: RequirementAudience

  /* The organisation of an organisation audience: it and the organisations below it. */
  @column()
  declare organisationId: number | null

  /* A grade audience's grades, stored joined by commas. */
  @column({
    prepare: (value: Grade[] | null) => (value && value.length ? value.join(',') : null),
    consume: (value: string | null) => (value ? (value.split(',') as Grade[]) : null),
  })
  declare grades: Grade[] | null

  @column()
  declare profession: string | null

  @column()
  declare roleProfileId: number | null

  @column()
  declare dueKind: RequirementDueKind

  @column.date()
  declare dueOn: DateTime | null

  @column()
  declare dueDays: number | null

  @column()
  declare recurrenceMonths: number | null

  /* Department HR's organisation when they set it (only its tree is required); null for everyone. */
  @column()
  declare scopeOrganisationId: number | null

  @column()
  declare createdBy: number | null

  @column.dateTime()
  declare withdrawnAt: DateTime | null

  @column()
  declare withdrawnBy: number | null

  @belongsTo(() => Course)
  declare course: BelongsTo<typeof Course>

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => Organisation, { foreignKey: 'scopeOrganisationId' })
  declare scopeOrganisation: BelongsTo<typeof Organisation>

  @belongsTo(() => RoleProfile)
  declare roleProfile: BelongsTo<typeof RoleProfile>

  @belongsTo(() => User, { foreignKey: 'createdBy' })
  declare creator: BelongsTo<typeof User>

  @hasMany(() => CourseRequirementPerson, { foreignKey: 'requirementId' })
  declare people: HasMany<typeof CourseRequirementPerson>

  auditOrganisationId() {
    return this.scopeOrganisationId
  }

  auditLabel() {
    return `Requirement ${this.id}`
  }
}
