import AuditEvent from '#models/audit_event'
import type User from '#models/user'

/* The one audit event a person's change wrote for a record; fails the test unless there is exactly one. */
export async function auditOf(actor: User, action: string, subjectType: string, subjectId: number) {
  const events = await AuditEvent.query().where({
    actor_id: actor.id,
    action,
    subject_type: subjectType,
    subject_id: String(subjectId),
  })
  if (events.length !== 1) {
    throw new Error(
      `Expected one ${action} event for ${subjectType} ${subjectId}, found ${events.length}`
    )
  }
  return events[0]
}
