import { readFile } from 'node:fs/promises'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import FrameworkImport from '#models/framework_import'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'

/*
 * Keeps an uploaded framework file for its preview and later application.
 */
export async function uploadFrameworkFile(file: MultipartFile, uploader: User) {
  const content = await readFile(file.tmpPath!, 'utf8')
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
  return upload
}
