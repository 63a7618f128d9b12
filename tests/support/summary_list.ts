import type { Locator } from 'playwright'
import { textOf } from '#tests/support/page_text'

/* The value beside a key in a summary list within the scope. */
export async function summaryValue(scope: Locator, key: string) {
  const row = scope.locator('dl > div', { has: scope.page().locator('dt', { hasText: key }) })
  return textOf(row.locator('dd'))
}
