import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import RoleProfile from '#models/role_profile'
import type { AudienceKind } from '#enums/learning'

/* A role profile a course is mandatory or recommended for. */
export default class CourseAudience extends AuditedModel {
  static auditSubjectType = 'course_audience'

  @column()
  declare courseId: number

  @column()
  declare roleProfileId: number

  @column()
  declare kind: AudienceKind

  @belongsTo(() => RoleProfile)
  declare roleProfile: BelongsTo<typeof RoleProfile>
}
