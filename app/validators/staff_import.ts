import vine from '@vinejs/vine'
import { csvUploadValidator } from '#validators/csv_upload'

export const staffUploadValidator = csvUploadValidator(
  'staffImport',
  ['csv', 'txt'],
  'Select a CSV file of people'
)

export const staffRowsFilterValidator = vine.create({
  outcome: vine.enum(['bad', 'new', 'changed', 'unchanged'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
})
