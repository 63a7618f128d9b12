/*
 * Where a staff import is in its life.
 */
export const StaffImportStatuses = {
  /* Rows read; being checked against the records. */
  Checking: 'checking',
  /* Checked: the preview is ready to apply or discard. */
  Checked: 'checked',
  Applying: 'applying',
  Applied: 'applied',
  Discarded: 'discarded',
  Failed: 'failed',
} as const
export const staffImportStatusLabels: Record<string, string> = {
  checking: 'Checking the file',
  checked: 'Checked, not applied',
  applying: 'Applying',
  applied: 'Applied',
  discarded: 'Discarded',
  failed: 'Did not finish',
}

export type StaffImportStatus = (typeof StaffImportStatuses)[keyof typeof StaffImportStatuses]
