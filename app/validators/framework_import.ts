import vine from '@vinejs/vine'
import { FormMessages } from '#validators/messages'

export const frameworkUploadValidator = vine.create({
  file: vine.file({ size: '5mb', extnames: ['csv'] }),
})

frameworkUploadValidator.messagesProvider = new FormMessages({
  'file.required': 'Select a CSV file',
  'file.file': 'Select a CSV file',
  'file.file.extname': 'The selected file must be a CSV',
  'file.file.size': 'The selected file must be smaller than 5 MB',
})
