import type { Locator } from 'playwright'
import { collapse } from '#tests/support/html'

/*
 * What browser tests read off a page: the server's address and the text of
 * elements with their whitespace collapsed.
 */

/* The address of the server the tests started. */
export function baseURL() {
  return `http://${process.env.HOST}:${process.env.PORT}`
}

export async function textOf(locator: Locator) {
  return collapse(await locator.textContent())
}

export async function textsOf(locator: Locator) {
  const texts = await locator.allTextContents()
  return texts.map((text) => collapse(text))
}

/* The text of each cell of a table's row, found by the text of its row header. */
export async function rowCells(table: Locator, rowHeader: string | RegExp) {
  const row = table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: rowHeader }) })
  return textsOf(row.locator('th, td'))
}

/* The text of every cell of each body row of a table, top to bottom. */
export async function bodyRows(table: Locator) {
  const rows = await table.locator('tbody tr').all()
  const cells: string[][] = []
  for (const row of rows) cells.push(await textsOf(row.locator('th, td')))
  return cells
}
