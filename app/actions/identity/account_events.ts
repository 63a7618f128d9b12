import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import type { AuditAction } from '#enums/audit_actions'

/*
 * Audits something a person did to their own account (signing in, a new
 * password, two-step verification): they are its subject, by e-mail, and
 * its actor. Inside the caller's transaction when given one.
 */
export function recordOwnAccountEvent(
  user: User,
  action: AuditAction,
  after: Record<string, unknown> | null,
  client?: TransactionClientContract
) {
  return recordAudit(
    {
      action,
      subjectType: 'user',
      subjectId: user.id,
      subjectLabel: user.email,
      organisationId: user.organisationId,
      actorId: user.id,
      after,
    },
    client
  )
}
