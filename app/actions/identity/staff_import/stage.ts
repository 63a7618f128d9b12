import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream'
import { parse } from 'csv-parse'
import db from '@adonisjs/lucid/services/db'
import StaffImport, { StaffImportStatuses } from '#models/staff_import'
import type User from '#models/user'
import { OrganisationScope } from '#services/organisation_scope'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { mapHeaders, presentColumns, readRecord } from '#domain/identity/staff_rows'
import {
  BinaryFileError,
  csvErrorLine,
  NOT_A_CSV,
  textOnly,
  unreadableCsv,
  CSV_READING,
} from '#services/csv_uploads'
import { COLUMN_FLAGS, cut, STAFF_IMPORT_LIMITS } from '#actions/identity/staff_import/rows'
import { insertAll } from '#actions/batch_writes'

export type StageResult =
  { type: 'staged'; staffImport: StaffImport } | { type: 'unreadable'; message: string }

/*
 * Reads an uploaded CSV into the import's rows, as written. Nothing about
 * people is decided here: checking is the next step.
 */
export async function stageStaffFile(
  filePath: string,
  fileName: string,
  uploader: User
): Promise<StageResult> {
  const scope = await OrganisationScope.forUser(uploader)
  const parser = parse({ ...CSV_READING, info: true })
  // A failure anywhere on the way (a binary file, a read error) ends the loop below with it.
  pipeline(createReadStream(filePath), textOnly(), parser, () => {})
  let staffImport: StaffImport | null = null
  let columns: ReturnType<typeof mapHeaders> | null = null
  let pending: Array<Record<string, unknown>> = []
  let line = 0
  let rows = 0

  const flush = async () => {
    if (!pending.length) return
    await insertAll(db, 'staff_import_rows', pending)
    pending = []
  }

  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number }
    }>) {
      line = info.lines
      if (!columns) {
        columns = mapHeaders(record)
        if (!columns.ok) return { type: 'unreadable', message: columns.message }
        staffImport = await StaffImport.create({
          uploadedBy: uploader.id,
          scopeOrganisationId: scope.everything ? null : (scope.roots[0]?.id ?? null),
          fileName: fileName.slice(0, 255),
          status: StaffImportStatuses.Checking,
          presentColumns: COLUMN_FLAGS.filter(
            (flag) => presentColumns(columns!.ok ? columns!.columns : {})[flag]
          ).join(','),
        })
        continue
      }
      if (record.every((cell) => String(cell).trim() === '')) continue
      rows++
      if (rows > STAFF_IMPORT_LIMITS.maxRows) {
        await staffImport!.delete()
        return {
          type: 'unreadable',
          message: `The file has more than ${STAFF_IMPORT_LIMITS.maxRows.toLocaleString('en-GB')} people: split it into smaller files`,
        }
      }
      const row = readRecord(record, line, columns.columns)
      pending.push({
        staff_import_id: staffImport!.id,
        line: row.line,
        email: cut(row.email),
        full_name: cut(row.fullName),
        organisation_code: cut(row.organisationCode),
        grade: cut(row.grade),
        profession: cut(row.profession),
        role_level: cut(row.roleLevel),
        line_manager_email: cut(row.lineManagerEmail),
      })
      if (pending.length >= STAFF_IMPORT_LIMITS.batch) await flush()
    }
    await flush()
  } catch (error) {
    if (staffImport) await staffImport.delete()
    if (error instanceof BinaryFileError) return { type: 'unreadable', message: NOT_A_CSV }
    // The parser's own line: it may have read ahead of the rows handled here.
    const errorLine = csvErrorLine(error)
    if (errorLine !== null) return { type: 'unreadable', message: unreadableCsv(errorLine) }
    throw error
  }
  if (!staffImport) return { type: 'unreadable', message: 'The selected file is empty' }
  if (rows === 0) {
    await staffImport.delete()
    return { type: 'unreadable', message: 'The file names its columns but has no people in it' }
  }
  staffImport.totalRows = rows
  await staffImport.save()
  await recordAudit({
    action: AuditActions.Create,
    subjectType: 'staff_import',
    subjectId: staffImport.id,
    subjectLabel: staffImport.fileName,
    organisationId: staffImport.scopeOrganisationId,
    after: { fileName: staffImport.fileName, rows },
  })
  return { type: 'staged', staffImport }
}
