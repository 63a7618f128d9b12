import { csvUploadValidator } from '#validators/csv_upload'

export const frameworkUploadValidator = csvUploadValidator(
  'frameworkImport',
  ['csv'],
  'Select a CSV file'
)
