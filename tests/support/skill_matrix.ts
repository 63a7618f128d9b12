import type { Page } from 'playwright'
import { textsOf } from '#tests/support/page_text'

/*
 * The cell of a role's skill matrix for a skill (row) and a role level
 * (column), found through the table's own column headers.
 */
export async function matrixCell(page: Page, role: string, skill: string, level: string) {
  const table = page.getByRole('table', { name: `Skill levels needed by each level of ${role}` })
  const headers = await textsOf(table.getByRole('columnheader'))
  const column = headers.indexOf(level)
  if (column < 1) throw new Error(`No column for ${level} in ${headers.join(', ')}`)
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: skill }) })
  return row.getByRole('cell').nth(column - 1)
}
