import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import AuditedModel from '#models/audited_model'
import Organisation from '#models/organisation'

export default class Team extends AuditedModel {
  static auditSubjectType = 'team'

  @column()
  declare organisationId: number

  @column()
  declare name: string

  @column()
  declare location: string | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  auditLabel() {
    return this.name
  }

  auditOrganisationId() {
    return this.organisationId
  }
}
