import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import AuditEvent from '#models/audit_event'

/* One event in the audit trail, as the services write them: a change to a team unless told otherwise. */
export async function createAuditEvent(values: Partial<ModelAttributes<AuditEvent>> = {}) {
  return AuditEvent.create({
    action: 'update',
    subjectType: 'team',
    subjectId: '1',
    subjectLabel: 'A team',
    ...values,
  })
}
