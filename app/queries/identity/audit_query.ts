import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AuditEvent from '#models/audit_event'
import type { OrganisationScope } from '#services/organisation_scope'
import type { AuditAction } from '#enums/audit_actions'

export const AUDIT_PAGE_SIZE = 50

export type AuditFilters = {
  action?: AuditAction
  subjectType?: string
  actor?: string
  from?: Date
  to?: Date
  organisationId?: number
  page?: number
}

/* Makes a typed fragment safe inside LIKE: its % and _ match themselves. */
function likeContains(value: string) {
  return `%${value.replace(/[!%_]/g, (character) => `!${character}`)}%`
}

function startOfDay(date: Date) {
  return DateTime.fromJSDate(date).startOf('day')
}

/* Compared in the form and zone Lucid writes timestamps in, so text order is time order. */
function sqlTimestamp(value: DateTime) {
  return value.toFormat('yyyy-MM-dd HH:mm:ss')
}

/*
 * The audit trail a user may read, filtered and newest first, 50 a page.
 * Department HR only see events of organisations in their scope; events of
 * no organisation (system-wide ones) are for capability admins only.
 */
export async function searchAuditEvents(scope: OrganisationScope, filters: AuditFilters) {
  const query = scope.apply(AuditEvent.query(), 'audit_events.organisation_id').preload('actor')
  await applyAuditFilters(query, filters)

  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .paginate(filters.page ?? 1, AUDIT_PAGE_SIZE)
}

/*
 * The trail's filters, on any query over audit_events; the audit export uses
 * them too. Returns nothing: awaiting a returned query builder would run it.
 */
export async function applyAuditFilters(
  query: { where: (...args: any[]) => any },
  filters: AuditFilters
): Promise<void> {
  const builder = query as any
  if (filters.action) builder.where('audit_events.action', filters.action)
  if (filters.subjectType) builder.where('audit_events.subject_type', filters.subjectType)
  if (filters.actor) {
    builder.whereIn(
      'audit_events.actor_id',
      db
        .from('users')
        .select('id')
        .whereRaw(`lower(email) like ? escape '!'`, [likeContains(filters.actor.toLowerCase())])
    )
  }
  if (filters.from)
    builder.where('audit_events.created_at', '>=', sqlTimestamp(startOfDay(filters.from)))
  if (filters.to) {
    builder.where(
      'audit_events.created_at',
      '<',
      sqlTimestamp(startOfDay(filters.to).plus({ days: 1 }))
    )
  }
  if (filters.organisationId) {
    const chosen = await db
      .from('organisations')
      .where('id', filters.organisationId)
      .select('id', 'path')
      .first()
    if (!chosen) {
      builder.whereRaw('1 = 0')
    } else {
      const subtree = db
        .from('organisations')
        .select('id')
        .where((where) => {
          where.where('id', chosen.id).orWhere('path', 'like', `${chosen.path}${chosen.id}/%`)
        })
      builder.whereIn('audit_events.organisation_id', subtree)
    }
  }
}

/* The kinds of record the user's visible trail mentions, for the filter. */
export async function auditSubjectTypes(scope: OrganisationScope): Promise<string[]> {
  const rows = await scope
    .apply(db.from('audit_events'), 'organisation_id')
    .distinct('subject_type')
    .orderBy('subject_type')
  return rows.map((row: any) => String(row.subject_type))
}

/* "sign_in" reads as "Sign in". */
export function humanise(value: string) {
  const words = value.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/* "isTransactional" reads as "Is transactional". */
export function fieldLabel(field: string) {
  return humanise(field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
}

/* A stored value as a person reads it in the trail. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
