import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import Organisation from '#models/organisation'

export default class Team extends OrganisationOwnedModel {
  static auditSubjectType = 'team'

  @column()
  declare name: string

  @column()
  declare location: string | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  auditLabel() {
    return this.name
  }
}
