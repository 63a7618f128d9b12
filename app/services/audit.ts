import { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AuditAction } from '#enums/audit_actions'

export type AuditEntry = {
  action: AuditAction
  subjectType: string
  subjectId?: string | number | null
  subjectLabel?: string | null
  organisationId?: number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  actorId?: number | null
  /* Where the request came from, for work done away from it (a queued job); else the current request's. */
  ip?: string | null
  requestId?: string | null
}

const REDACTED = '[redacted]'
const SECRET_KEYS = new Set(['password', 'hash', 'token', 'rememberMeToken', 'clientSecret'])

/*
 * Removes secrets before a change is written to the trail.
 */
export function redact(values: Record<string, unknown> | null | undefined) {
  if (!values) return null
  const clean: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    clean[key] = SECRET_KEYS.has(key) ? REDACTED : value
  }
  return clean
}

/*
 * Writes one audit event, inside the caller's transaction when given one.
 * The acting user, IP and request id come from the current request.
 */
export async function recordAudit(entry: AuditEntry, client?: TransactionClientContract) {
  const ctx = HttpContext.get()
  const actorId = entry.actorId !== undefined ? entry.actorId : (ctx?.auth?.user?.id ?? null)
  const before = redact(entry.before)
  const after = redact(entry.after)
  // Loaded lazily: audited models import this module, and AuditEvent imports User.
  const { default: AuditEvent } = await import('#models/audit_event')
  await AuditEvent.create(
    {
      actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId:
        entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
      subjectLabel: entry.subjectLabel?.slice(0, 255) ?? null,
      organisationId: entry.organisationId ?? null,
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
      ip: entry.ip !== undefined ? entry.ip : (ctx?.request.ip() ?? null),
      requestId: entry.requestId !== undefined ? entry.requestId : (ctx?.request.id() ?? null),
    },
    client ? { client } : undefined
  )
}
