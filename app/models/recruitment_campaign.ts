import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import Organisation from '#models/organisation'
import RoleProfile from '#models/role_profile'
import type { CampaignStage } from '#enums/workforce'

export default class RecruitmentCampaign extends OrganisationOwnedModel {
  static auditSubjectType = 'recruitment_campaign'

  @column()
  declare roleProfileId: number

  @column()
  declare title: string

  @column()
  declare posts: number

  @column()
  declare grade: string | null

  @column()
  declare location: string | null

  @column()
  declare stage: CampaignStage

  @column.date()
  declare plannedOn: DateTime | null

  @column.date()
  declare advertisedOn: DateTime | null

  @column.date()
  declare siftingOn: DateTime | null

  @column.date()
  declare interviewingOn: DateTime | null

  @column.date()
  declare offersOn: DateTime | null

  @column.date()
  declare closedOn: DateTime | null

  @column()
  declare hires: number

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => RoleProfile)
  declare roleProfile: BelongsTo<typeof RoleProfile>

  auditLabel() {
    return this.title
  }
}
