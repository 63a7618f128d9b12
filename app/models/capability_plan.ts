import { DateTime } from 'luxon'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import Organisation from '#models/organisation'
import PlanLine from '#models/plan_line'
import { financialYearLabel, type PlanStatus } from '#enums/workforce'

/* An organisation's capability plan for one financial year. */
export default class CapabilityPlan extends OrganisationOwnedModel {
  static auditSubjectType = 'capability_plan'

  @column()
  declare financialYear: number

  @column()
  declare status: PlanStatus

  @column()
  declare copiedFromId: number | null

  @column()
  declare submittedBy: number | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column()
  declare decidedBy: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare decisionComment: string | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @hasMany(() => PlanLine, { foreignKey: 'planId' })
  declare lines: HasMany<typeof PlanLine>

  get yearLabel() {
    return financialYearLabel(this.financialYear)
  }

  auditLabel() {
    return `Capability plan ${this.yearLabel}`
  }
}
