import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import TimestampedModel from '#models/timestamped_model'
import { AuditActions, type AuditAction } from '#enums/audit_actions'
import type { StandingsTarget } from '#domain/capability/standings'

const IGNORED = new Set(['createdAt', 'updatedAt'])

function plain(values: Record<string, unknown>) {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    if (!IGNORED.has(key)) out[key] = value
  }
  return out
}

/* One change to a record, as the audit trail keeps it. */
export type ModelChange = {
  action: AuditAction
  subjectType: string
  subjectId: number
  subjectLabel: string | null
  organisationId: number | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/*
 * What a change to a record sets going above the models, which the models
 * must not import: writing the audit trail (app/services/audit.ts) and
 * working capability standings out again
 * (app/actions/capability/refresh_standings.ts). Given once at boot, by
 * start/events.ts; each is passed the change's transaction, when it has one.
 */
export type ModelChangeHandlers = {
  audit: (change: ModelChange, trx?: TransactionClientContract) => Promise<void>
  standingsChanged: (target: StandingsTarget, trx?: TransactionClientContract) => Promise<void>
}

let handlers: ModelChangeHandlers | null = null

/* Gives the models what a change sets going (see ModelChangeHandlers). */
export function handleModelChanges(given: ModelChangeHandlers) {
  handlers = given
}

function changeHandlers(): ModelChangeHandlers {
  if (!handlers) {
    throw new Error('A record changed before start/events.ts gave the models their change handlers')
  }
  return handlers
}

/*
 * Base for every model whose changes belong in the audit trail: creates,
 * updates and deletes are recorded in the same transaction as the change.
 * Audited records all have an id and their timestamps (TimestampedModel).
 */
export default class AuditedModel extends TimestampedModel {
  static auditSubjectType = 'record'

  declare $auditBefore: Record<string, unknown> | undefined

  /* A human-readable name for the record in the trail. */
  auditLabel(): string | null {
    return null
  }

  /* The organisation the record belongs to, so scoped users can read its history. */
  auditOrganisationId(): number | null | Promise<number | null> {
    return null
  }

  /*
   * Whose capability standings this change moves, given the fields it
   * changed (app/actions/capability/refresh_standings.ts): none unless a
   * model says so.
   */
  standingsAffected(_action: AuditAction, _changed: string[]): StandingsTarget | null {
    return null
  }

  /* The organisation a person belongs to, for records that belong to a person. */
  protected organisationOfUser(userId: number): Promise<number | null> {
    return this.organisationOfRow('users', userId)
  }

  /* The organisation a capability plan is for, for the records that make up a plan. */
  protected organisationOfPlan(planId: number): Promise<number | null> {
    return this.organisationOfRow('capability_plans', planId)
  }

  /* The organisation_id of one row of another table, read in this change's transaction. */
  private async organisationOfRow(table: string, id: number): Promise<number | null> {
    const client = this.$trx ?? (this.constructor as typeof AuditedModel).query().client
    const row = await client.from(table).where('id', id).select('organisation_id').first()
    return row?.organisation_id ?? null
  }

  static boot() {
    // Lucid calls boot() for every query and every row it reads: once booted, nothing to do.
    if (Object.hasOwn(this, 'booted') && this.booted) return
    super.boot()

    // The same handlers for every model: a model extending a booted one (User
    // extends the auth mixin's class) inherits them, and a hook set holds
    // each handler once, so every change is audited once.
    this.before('save', AuditedModel.writeTimesInUtc)
    this.before('update', AuditedModel.keepValuesBefore)
    this.after('create', AuditedModel.auditCreate)
    this.after('update', AuditedModel.auditUpdate)
    this.after('delete', AuditedModel.auditDelete)
  }

  /* Lucid writes a DateTime's wall-clock time in its own zone; the database holds UTC. */
  private static writeTimesInUtc(model: AuditedModel) {
    const columns = (model.constructor as typeof AuditedModel).$columnsDefinitions
    for (const [key, value] of Object.entries(model.$dirty)) {
      const dateOnly = columns.get(key)?.meta?.type === 'date'
      if (DateTime.isDateTime(value) && !dateOnly && value.zoneName !== 'UTC') {
        model.$attributes[key] = value.toUTC()
      }
    }
  }

  private static keepValuesBefore(model: AuditedModel) {
    const before: Record<string, unknown> = {}
    for (const key of Object.keys(model.$dirty)) before[key] = model.$original[key]
    model.$auditBefore = before
  }

  private static async auditCreate(model: AuditedModel) {
    await model.writeAudit(AuditActions.Create, null, plain(model.$attributes))
    await model.noteStandings(AuditActions.Create, Object.keys(model.$attributes))
  }

  private static async auditUpdate(model: AuditedModel) {
    const before = plain(model.$auditBefore ?? {})
    const after: Record<string, unknown> = {}
    for (const key of Object.keys(before)) after[key] = model.$attributes[key]
    model.$auditBefore = undefined
    if (Object.keys(after).length === 0) return
    await model.writeAudit(AuditActions.Update, before, after)
    await model.noteStandings(AuditActions.Update, Object.keys(after))
  }

  private static async auditDelete(model: AuditedModel) {
    await model.writeAudit(AuditActions.Delete, plain(model.$attributes), null)
    await model.noteStandings(AuditActions.Delete, Object.keys(model.$attributes))
  }

  protected async noteStandings(action: AuditAction, changed: string[]) {
    const target = this.standingsAffected(action, changed)
    if (!target) return
    await changeHandlers().standingsChanged(
      target,
      this.$trx as TransactionClientContract | undefined
    )
  }

  protected async writeAudit(
    action: AuditAction,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null
  ) {
    const ctor = this.constructor as typeof AuditedModel
    await changeHandlers().audit(
      {
        action,
        subjectType: ctor.auditSubjectType,
        subjectId: this.$primaryKeyValue as number,
        subjectLabel: this.auditLabel(),
        organisationId: await this.auditOrganisationId(),
        before,
        after,
      },
      this.$trx as TransactionClientContract | undefined
    )
  }
}
