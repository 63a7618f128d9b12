import { DateTime } from 'luxon'
import { strToU8, zipSync } from 'fflate'
import type User from '#models/user'
import { subjectAccessRecords } from '#queries/identity/subject_access_query'
import { csvText } from '#services/csv_export'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'

/* A subject access export ready to download: its file name and the zip archive's bytes. */
export type SubjectAccessExport = { fileName: string; archive: Uint8Array }

/*
 * Everything the service holds about one person (UK GDPR's right of
 * access), as a zip archive: one JSON document with every kind of record,
 * and a CSV file per kind written by the service's one CSV writer. Who
 * produced it, and for whom, goes in the audit trail; the export's
 * contents do not.
 */
export async function produceSubjectAccessExport(
  person: User,
  requestedBy: User,
  now: DateTime = DateTime.now()
): Promise<SubjectAccessExport> {
  const { kinds } = await subjectAccessRecords(person.id)
  const document = {
    person: { id: person.id },
    produced_at: now.toUTC().toISO(),
    records: Object.fromEntries(kinds.map(({ kind, rows }) => [kind, rows])),
  }
  const files: Record<string, Uint8Array> = {
    'subject-access.json': strToU8(JSON.stringify(document, null, 2)),
  }
  for (const { kind, columns, rows } of kinds) {
    const lines = rows.map((row) => columns.map((column) => row[column]))
    files[`${kind}.csv`] = strToU8(await csvText(columns, lines))
  }
  await recordAudit({
    action: AuditActions.SubjectAccessExport,
    subjectType: 'user',
    subjectId: person.id,
    subjectLabel: person.email,
    organisationId: person.organisationId,
    actorId: requestedBy.id,
    after: { kinds: kinds.map(({ kind, rows }) => `${kind}: ${rows.length}`).join(', ') },
  })
  return {
    fileName: `subject-access-${person.id}-${now.toISODate()}.zip`,
    archive: zipSync(files, { level: 6, mtime: now.toJSDate() }),
  }
}
