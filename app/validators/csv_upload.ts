import vine from '@vinejs/vine'
import { FormMessages, sameMessage } from '#validators/messages'
import { tooLargeMessage, UPLOADS, type UploadKind } from '#services/uploads'

/* The imports whose form sends a file. */
type FileUpload = {
  [K in UploadKind]: (typeof UPLOADS)[K]['file'] extends true ? K : never
}[UploadKind]

/*
 * A CSV file chosen for an import: of the file types given, no larger than
 * the import's limit, and one message for a missing file.
 */
export function csvUploadValidator(kind: FileUpload, extnames: string[], selectMessage: string) {
  const upload = UPLOADS[kind]
  const validator = vine.create({
    file: vine.file({ size: upload.bytes, extnames }),
  })
  validator.messagesProvider = new FormMessages({
    ...sameMessage('file', ['required', 'file'], selectMessage),
    'file.file.extname': 'The selected file must be a CSV',
    'file.file.size': tooLargeMessage(upload.label),
  })
  return validator
}
