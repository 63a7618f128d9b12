import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import StaffImport from '#models/staff_import'

/* A staff import of a file, checked and not yet applied, unless told otherwise. */
export async function createStaffImport(values: Partial<ModelAttributes<StaffImport>> = {}) {
  return StaffImport.create({ fileName: 'people.csv', status: 'checked', ...values })
}
