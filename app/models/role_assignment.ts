import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import UserOwnedModel from '#models/user_owned_model'
import RoleLevel from '#models/role_level'
import type { RoleAssignmentKind, RoleAssignmentStatus } from '#enums/capability'
import type { StandingsTarget } from '#domain/capability/standings'

/* A person's current or target role level; ended assignments are the history. */
export default class RoleAssignment extends UserOwnedModel {
  static auditSubjectType = 'role_assignment'

  /* Every change to it can move its person's standing against their role level. */
  standingsAffected(): StandingsTarget {
    return { userIds: [this.userId] }
  }

  @column()
  declare roleLevelId: number

  @column()
  declare kind: RoleAssignmentKind

  @column()
  declare status: RoleAssignmentStatus

  @column()
  declare activeKind: RoleAssignmentKind | null

  @column()
  declare proposedBy: number | null

  @column()
  declare confirmedBy: number | null

  @column.dateTime()
  declare confirmedAt: DateTime | null

  @column.dateTime()
  declare endedAt: DateTime | null

  @belongsTo(() => RoleLevel)
  declare roleLevel: BelongsTo<typeof RoleLevel>
}
