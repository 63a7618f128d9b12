import db from '@adonisjs/lucid/services/db'
import AuditEvent from '#models/audit_event'
import type { OrganisationScope } from '#services/organisation_scope'
import {
  applyAuditFilters,
  describeValue,
  fieldLabel,
  humanise,
  type AuditFilters,
} from '#queries/identity/audit_query'
import { keysetBatches, countRows, type CsvLine, type KeyColumn } from '#services/csv_export'
import { sqlTime } from '#queries/exports/sql_time'

export const AUDIT_HEADER = [
  'When',
  'Who',
  'Who email',
  'Action',
  'Type of record',
  'Record ID',
  'Record',
  'Organisation',
  'Changes',
]

/* Newest first, as the trail lists them. */
const KEYS: KeyColumn[] = [
  { column: 'audit_events.created_at', key: 'created_at', direction: 'desc' },
  { column: 'audit_events.id', key: 'id', direction: 'desc' },
]

/* How many events the export of these filters holds: the same scope and filters as the trail. */
export async function countAuditEvents(scope: OrganisationScope, filters: AuditFilters) {
  const query = scope.apply(db.from('audit_events'), 'audit_events.organisation_id')
  await applyAuditFilters(query, filters)
  return countRows(query)
}

/* "Location: Leeds → York; Name: (empty) → Payments" */
function describeChanges(before: string | null, after: string | null) {
  const event = new AuditEvent()
  event.before = before
  event.after = after
  return event.changes
    .map(
      (change) =>
        `${fieldLabel(change.field)}: ${describeValue(change.before)} → ${describeValue(change.after)}`
    )
    .join('; ')
}

/*
 * Every event of the trail with these filters, newest first, read a batch
 * at a time (millions of events never sit in memory at once).
 */
export async function* auditLines(
  scope: OrganisationScope,
  filters: AuditFilters,
  batchSize: number
): AsyncGenerator<CsvLine> {
  const build = () => {
    const query = db
      .from('audit_events')
      .leftJoin('users', 'users.id', 'audit_events.actor_id')
      .leftJoin('organisations', 'organisations.id', 'audit_events.organisation_id')
      .select(
        'audit_events.id',
        'audit_events.created_at',
        'audit_events.action',
        'audit_events.subject_type',
        'audit_events.subject_id',
        'audit_events.subject_label',
        'audit_events.before',
        'audit_events.after',
        'users.full_name as actor_name',
        'users.email as actor_email',
        'organisations.name as organisation_name'
      )
    scope.apply(query, 'audit_events.organisation_id')
    return query
  }
  const batches = keysetBatches<Record<string, any>>(build, KEYS, batchSize, (query) =>
    applyAuditFilters(query, filters)
  )
  for await (const batch of batches) {
    for (const row of batch) {
      yield [
        sqlTime(row.created_at),
        row.actor_name ?? 'System',
        row.actor_email,
        humanise(row.action),
        humanise(row.subject_type),
        row.subject_id,
        row.subject_label,
        row.organisation_name,
        describeChanges(row.before, row.after),
      ]
    }
  }
}
