import vine from '@vinejs/vine'
import { FormMessages } from '#validators/messages'

export const staffUploadValidator = vine.create({
  file: vine.file({ size: '20mb', extnames: ['csv', 'txt'] }),
})

staffUploadValidator.messagesProvider = new FormMessages({
  'file.required': 'Select a CSV file of people',
  'file.file': 'Select a CSV file of people',
  'file.file.extname': 'The selected file must be a CSV',
  'file.file.size': 'The selected file must be smaller than 20 MB',
})

export const staffRowsFilterValidator = vine.create({
  outcome: vine.enum(['bad', 'new', 'changed', 'unchanged'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
})
