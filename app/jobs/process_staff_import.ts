import logger from '@adonisjs/core/services/logger'
import { OnceJob } from '#jobs/once_job'
import StaffImport, { StaffImportStatuses } from '#models/staff_import'
import User from '#models/user'
import { applyStaffImport } from '#actions/identity/staff_import/apply'
import { checkStaffImport } from '#actions/identity/staff_import/check'

type Payload = { staffImportId: number; step: 'check' | 'apply'; actorId: number }

/*
 * Checks or applies a large staff import away from the request. The page
 * of the import polls its progress. A failure leaves the import marked
 * failed; applying again finishes it, so the job is not retried blindly.
 */
export default class ProcessStaffImport extends OnceJob<Payload> {
  async execute() {
    const staffImport = await StaffImport.find(this.payload.staffImportId)
    if (!staffImport) return
    if (this.payload.step === 'check') {
      if (staffImport.status !== StaffImportStatuses.Checking) return
      await checkStaffImport(staffImport)
      return
    }
    if (staffImport.status !== StaffImportStatuses.Applying) return
    const actor = await User.findOrFail(this.payload.actorId)
    await applyStaffImport(staffImport, actor)
  }

  async failed(error: Error) {
    logger.error({ err: error, staffImportId: this.payload.staffImportId }, 'Staff import failed')
  }
}
