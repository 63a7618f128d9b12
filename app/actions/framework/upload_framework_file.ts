import { readFile } from 'node:fs/promises'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import FrameworkImport from '#models/framework_import'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { isBinary, NOT_A_CSV } from '#services/csv_uploads'

export type UploadFrameworkResult =
  { type: 'uploaded'; upload: FrameworkImport } | { type: 'not_csv'; message: string }

/*
 * Keeps an uploaded framework file for its preview and later application;
 * a binary file is refused rather than kept.
 */
export async function uploadFrameworkFile(
  file: MultipartFile,
  uploader: User
): Promise<UploadFrameworkResult> {
  const bytes = await readFile(file.tmpPath!)
  if (isBinary(bytes)) return { type: 'not_csv', message: NOT_A_CSV }
  const content = bytes.toString('utf8')
  const upload = await FrameworkImport.create({
    uploadedBy: uploader.id,
    fileName: file.clientName.slice(0, 255),
    content,
    status: 'previewed',
  })
  await recordAudit({
    action: AuditActions.Create,
    subjectType: 'framework_import',
    subjectId: upload.id,
    subjectLabel: upload.fileName,
    after: { fileName: upload.fileName, bytes: Buffer.byteLength(content) },
  })
  return { type: 'uploaded', upload }
}
