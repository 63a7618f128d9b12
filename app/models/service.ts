import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { booleanColumn, numberColumn } from '#models/columns'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import Organisation from '#models/organisation'
import User from '#models/user'
import type { ServicePhase } from '#enums/workforce'
import type { ReportingPeriod } from '#domain/workforce/service_performance'

/* A service an organisation runs, with its yearly transactions and its Service Manager. */
export default class Service extends OrganisationOwnedModel {
  static auditSubjectType = 'service'

  @column()
  declare name: string

  @numberColumn()
  declare annualTransactions: number

  @column()
  declare phase: ServicePhase

  @booleanColumn()
  declare isExemplar: boolean

  /* HR say people can use the service through a digital channel (see digitally_delivered.ts). */
  @booleanColumn()
  declare hasDigitalChannel: boolean

  @column()
  declare serviceManagerId: number | null

  /* How often it reports its performance (strategy action 13): monthly or quarterly. */
  @column()
  declare reportingPeriod: ReportingPeriod

  /* Its four indicators and volumes are on a public page, for anyone (strategy action 13). */
  @booleanColumn()
  declare performancePublished: boolean

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => User, { foreignKey: 'serviceManagerId' })
  declare serviceManager: BelongsTo<typeof User>

  auditLabel() {
    return this.name
  }
}
