import db from '@adonisjs/lucid/services/db'
import type StaffImport from '#models/staff_import'
import { StaffImportStatuses } from '#models/staff_import'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
/* Discards an import that was checked but not applied: its rows go, the record stays. */
export async function discardStaffImport(staffImport: StaffImport) {
  await db.transaction(async (trx) => {
    await trx.from('staff_import_rows').where('staff_import_id', staffImport.id).delete()
    staffImport.useTransaction(trx)
    staffImport.status = StaffImportStatuses.Discarded
    await staffImport.save()
    await recordAudit(
      {
        action: AuditActions.Update,
        subjectType: 'staff_import',
        subjectId: staffImport.id,
        subjectLabel: staffImport.fileName,
        organisationId: staffImport.scopeOrganisationId,
        after: { status: 'discarded' },
      },
      trx
    )
  })
}
