import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'

/*
 * Base for audited records that belong to one organisation (organisation_id),
 * such as its people, teams, services and plans: the audit trail files their
 * changes under that organisation. Each model keeps its own organisation
 * relation: Organisation loads Team, so this base cannot load Organisation.
 */
export default class OrganisationOwnedModel extends AuditedModel {
  @column()
  declare organisationId: number

  auditOrganisationId() {
    return this.organisationId
  }
}
