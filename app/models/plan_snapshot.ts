import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import AuditedModel from '#models/audited_model'
import type { PlanSnapshotStage } from '#enums/workforce'

/*
 * A capability plan's figures as they stood when it was sent for approval
 * or approved; its lines (plan_snapshot_lines) hold one role profile each.
 */
export default class PlanSnapshot extends AuditedModel {
  static auditSubjectType = 'plan_snapshot'

  @column()
  declare planId: number

  @column()
  declare stage: PlanSnapshotStage

  @column()
  declare takenBy: number | null

  @column.dateTime()
  declare takenAt: DateTime

  auditLabel() {
    return `Capability plan figures at ${this.stage}`
  }

  auditOrganisationId() {
    return this.organisationOfPlan(this.planId)
  }
}
