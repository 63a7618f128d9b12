import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { booleanColumn } from '#models/columns'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import Organisation from '#models/organisation'

/* One posting in an entrant's history: where, with which team, when, and whether it was digital. */
export default class FastStreamPosting extends OrganisationOwnedModel {
  static auditSubjectType = 'fast_stream_posting'

  @column()
  declare entrantId: number

  @column()
  declare teamId: number | null

  @column()
  declare teamName: string | null

  @column()
  declare title: string

  @column.date()
  declare startsOn: DateTime

  @column.date()
  declare endsOn: DateTime | null

  @booleanColumn()
  declare isDigital: boolean

  @column()
  declare placementId: number | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  auditLabel() {
    return this.title
  }
}
