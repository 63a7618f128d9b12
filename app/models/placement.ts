import { DateTime } from 'luxon'
import { belongsTo, column, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, ManyToMany } from '@adonisjs/lucid/types/relations'
import { booleanColumn } from '#models/columns'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import Organisation from '#models/organisation'
import PlacementRound from '#models/placement_round'
import Skill from '#models/skill'
import Team from '#models/team'
import Service from '#models/service'
import type { Clearance, PlacementStatus } from '#enums/fast_stream'

/* A placement a delivery team offers in a round. */
export default class Placement extends OrganisationOwnedModel {
  static auditSubjectType = 'placement'

  @column()
  declare roundId: number

  @column()
  declare teamId: number

  @column()
  declare offeredBy: number | null

  /* The service of the register the placement works in; every Future Leaders placement names one. */
  @column()
  declare serviceId: number | null

  @column()
  declare title: string

  @column()
  declare location: string

  @column()
  declare description: string

  @column()
  declare clearanceRequired: Clearance

  @booleanColumn()
  declare isDigital: boolean

  @column()
  declare capacity: number

  @column.date()
  declare startsOn: DateTime

  @column()
  declare status: PlacementStatus

  @column()
  declare reviewNote: string | null

  @column()
  declare reviewedBy: number | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @belongsTo(() => PlacementRound, { foreignKey: 'roundId' })
  declare round: BelongsTo<typeof PlacementRound>

  @belongsTo(() => Team)
  declare team: BelongsTo<typeof Team>

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => Service)
  declare service: BelongsTo<typeof Service>

  @manyToMany(() => Skill, {
    pivotTable: 'placement_skills',
    pivotForeignKey: 'placement_id',
    pivotRelatedForeignKey: 'skill_id',
  })
  declare skills: ManyToMany<typeof Skill>

  auditLabel() {
    return this.title
  }
}
