import vine from '@vinejs/vine'
import { FormMessages } from '#validators/messages'
import { tooLargeMessage, UPLOADS } from '#services/uploads'

export const staffUploadValidator = vine.create({
  file: vine.file({ size: UPLOADS.staffImport.bytes, extnames: ['csv', 'txt'] }),
})

staffUploadValidator.messagesProvider = new FormMessages({
  'file.required': 'Select a CSV file of people',
  'file.file': 'Select a CSV file of people',
  'file.file.extname': 'The selected file must be a CSV',
  'file.file.size': tooLargeMessage(UPLOADS.staffImport.label),
})

export const staffRowsFilterValidator = vine.create({
  outcome: vine.enum(['bad', 'new', 'changed', 'unchanged'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
})
