import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import TimestampedModel from '#models/timestamped_model'
import { StaffImportStatuses, type StaffImportStatus } from '#enums/staff_imports'

export { StaffImportStatuses } from '#enums/staff_imports'

/*
 * An uploaded file of people. Its rows live in staff_import_rows; the
 * counts and progress here are what the import's page shows and polls.
 * Changes to people are audited one by one; the import itself is audited
 * when it is uploaded, applied or discarded.
 */
export default class StaffImport extends TimestampedModel {
  @column()
  declare uploadedBy: number | null

  @column()
  declare scopeOrganisationId: number | null

  @column()
  declare fileName: string

  @column()
  declare status: StaffImportStatus

  @column()
  declare presentColumns: string

  @column()
  declare totalRows: number

  @column()
  declare processedRows: number

  @column()
  declare newRows: number

  @column()
  declare changedRows: number

  @column()
  declare unchangedRows: number

  @column()
  declare badRows: number

  @column()
  declare createdPeople: number

  @column()
  declare updatedPeople: number

  @column()
  declare failure: string | null

  @column.dateTime()
  declare appliedAt: DateTime | null

  get isWorking() {
    return (
      this.status === StaffImportStatuses.Checking || this.status === StaffImportStatuses.Applying
    )
  }

  /* Whole per cent of the current step done. */
  get percent() {
    if (this.status === StaffImportStatuses.Applied || this.status === StaffImportStatuses.Checked)
      return 100
    const total =
      this.status === StaffImportStatuses.Applying
        ? this.newRows + this.changedRows
        : this.totalRows
    if (total <= 0) return 0
    return Math.min(100, Math.floor((this.processedRows / total) * 100))
  }
}
