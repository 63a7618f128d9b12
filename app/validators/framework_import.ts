import vine from '@vinejs/vine'
import { FormMessages } from '#validators/messages'
import { tooLargeMessage, UPLOADS } from '#services/uploads'

export const frameworkUploadValidator = vine.create({
  file: vine.file({ size: UPLOADS.frameworkImport.bytes, extnames: ['csv'] }),
})

frameworkUploadValidator.messagesProvider = new FormMessages({
  'file.required': 'Select a CSV file',
  'file.file': 'Select a CSV file',
  'file.file.extname': 'The selected file must be a CSV',
  'file.file.size': tooLargeMessage(UPLOADS.frameworkImport.label),
})
