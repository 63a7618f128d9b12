import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import TimestampedModel from '#models/timestamped_model'
import type { NotInvitedReason } from '#domain/identity/password_links'

/* Where a run of invitations is in its life. */
export const InvitationRunStatuses = {
  Queued: 'queued',
  Sending: 'sending',
  Done: 'done',
  Failed: 'failed',
} as const

export type InvitationRunStatus = (typeof InvitationRunStatuses)[keyof typeof InvitationRunStatuses]

/*
 * One request to invite many people: everyone a staff import added, or
 * everyone the people list's filters found. Small runs are sent within the
 * request; large ones by a queued job, a batch at a time, with their
 * progress here for the run's page to poll. Each invitation is audited on
 * its own.
 */
export default class InvitationRun extends TimestampedModel {
  @column()
  declare requestedBy: number | null

  @column()
  declare scopeOrganisationId: number | null

  @column()
  declare staffImportId: number | null

  /* The people list's filters, for a run that invites everyone they found. */
  @column({
    prepare: (value: Record<string, unknown> | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | null) => (value ? JSON.parse(value) : null),
  })
  declare filters: Record<string, unknown> | null

  @column()
  declare status: InvitationRunStatus

  @column()
  declare total: number

  @column()
  declare processed: number

  @column()
  declare invited: number

  @column({
    prepare: (value: Partial<Record<NotInvitedReason, number>>) => JSON.stringify(value ?? {}),
    consume: (value: string | null) => (value ? JSON.parse(value) : {}),
  })
  declare notInvited: Partial<Record<NotInvitedReason, number>>

  @column.dateTime()
  declare finishedAt: DateTime | null

  get isWorking() {
    return (
      this.status === InvitationRunStatuses.Queued || this.status === InvitationRunStatuses.Sending
    )
  }

  get percent() {
    if (!this.total) return this.isWorking ? 0 : 100
    return Math.min(100, Math.floor((this.processed / this.total) * 100))
  }
}
