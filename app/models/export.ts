import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import TimestampedModel from '#models/timestamped_model'

/* Where a large export is in its life. */
export const ExportStatuses = {
  Queued: 'queued',
  Running: 'running',
  Done: 'done',
  Failed: 'failed',
} as const

export type ExportStatus = (typeof ExportStatuses)[keyof typeof ExportStatuses]

export const exportStatusLabels: Record<ExportStatus, string> = {
  queued: 'Waiting to start',
  running: 'Being written',
  done: 'Ready to download',
  failed: 'Did not finish',
}

/*
 * A large CSV export a person asked for: a queued job writes the file and
 * counts its rows here, which the export's page polls. Only the person who
 * asked may see it. Not audited: it changes nothing in the records.
 */
export default class Export extends TimestampedModel {
  @column()
  declare userId: number

  @column()
  declare kind: string

  @column({
    prepare: (value: Record<string, string>) => JSON.stringify(value),
    consume: (value: string | null) => (value ? JSON.parse(value) : {}),
  })
  declare filters: Record<string, string>

  @column()
  declare status: ExportStatus

  @column()
  declare rowsDone: number

  @column()
  declare rowsTotal: number

  @column()
  declare fileName: string | null

  @column()
  declare error: string | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  @column.dateTime()
  declare expiresAt: DateTime | null

  get isWorking() {
    return this.status === ExportStatuses.Queued || this.status === ExportStatuses.Running
  }

  get isExpired() {
    return this.expiresAt !== null && this.expiresAt.toMillis() <= Date.now()
  }

  get isDownloadable() {
    return this.status === ExportStatuses.Done && this.fileName !== null && !this.isExpired
  }

  /* Whole per cent of the rows written. */
  get percent() {
    if (this.status === ExportStatuses.Done) return 100
    if (this.rowsTotal <= 0) return 0
    return Math.min(99, Math.floor((this.rowsDone / this.rowsTotal) * 100))
  }
}
