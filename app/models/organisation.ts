import { DateTime } from 'luxon'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { booleanColumn } from '#models/columns'
import AuditedModel from '#models/audited_model'
import Team from '#models/team'
import { organisationTypeLabels, type OrganisationType } from '#enums/organisation_types'

export default class Organisation extends AuditedModel {
  static auditSubjectType = 'organisation'

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare type: OrganisationType

  @column()
  declare parentId: number | null

  @column()
  declare path: string

  @column()
  declare depth: number

  @booleanColumn()
  declare isTransactional: boolean

  /* Its people sign in only through their department's identity provider: no password sign-in or reset. */
  @booleanColumn()
  declare ssoOnly: boolean

  @column()
  declare digitalLeaderId: number | null

  /* HR confirmed the Digital Leader sits on the organisation's board. */
  @booleanColumn()
  declare digitalLeaderOnBoard: boolean

  @column.dateTime()
  declare retiredAt: DateTime | null

  @belongsTo(() => Organisation, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Organisation>

  @hasMany(() => Organisation, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Organisation>

  @hasMany(() => Team)
  declare teams: HasMany<typeof Team>

  get typeLabel() {
    return organisationTypeLabels[this.type]
  }

  /* The path a child of this organisation gets. */
  get childPath() {
    return `${this.path}${this.id}/`
  }

  /* Ids of this organisation's ancestors, root first. */
  get ancestorIds(): number[] {
    return this.path.split('/').filter(Boolean).map(Number)
  }

  auditLabel() {
    return this.name
  }

  auditOrganisationId() {
    return this.id ?? null
  }
}
