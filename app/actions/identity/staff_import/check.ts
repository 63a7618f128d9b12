import type StaffImport from '#models/staff_import'
import { StaffImportStatuses } from '#models/staff_import'
import {
  checkRows,
  count,
  fail,
  progress,
  recordOutcomes,
  scopeOf,
} from '#actions/identity/staff_import/rows'

/*
 * Checks an import's rows and records the preview: each row's outcome and
 * the totals. An import that fails here is marked failed with the reason.
 */
export async function checkStaffImport(staffImport: StaffImport) {
  try {
    const scope = await scopeOf(staffImport)
    const checked = await checkRows(staffImport, scope, progress(staffImport))
    await recordOutcomes(checked)
    staffImport.merge({
      status: StaffImportStatuses.Checked,
      processedRows: checked.length,
      newRows: count(checked, 'new'),
      changedRows: count(checked, 'changed'),
      unchangedRows: count(checked, 'unchanged'),
      badRows: count(checked, 'bad'),
    })
    await staffImport.save()
  } catch (error) {
    await fail(staffImport, error)
    throw error
  }
}
