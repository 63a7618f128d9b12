import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { numberColumn } from '#models/columns'
import OrganisationOwnedModel from '#models/organisation_owned_model'
import Organisation from '#models/organisation'
import { financialYearName } from '#domain/learning/training_budgets'

/*
 * What an organisation may spend on training in one financial year, set by
 * HR (ADR 20). A change is audited with the organisation, so the audit
 * trail holds every earlier amount.
 */
export default class TrainingBudget extends OrganisationOwnedModel {
  static auditSubjectType = 'training_budget'

  /* The financial year by the year it starts: 2026 is April 2026 to March 2027. */
  @column()
  declare financialYear: number

  @numberColumn()
  declare amountPence: number

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  auditLabel() {
    return `Training budget ${financialYearName(this.financialYear)}`
  }
}
