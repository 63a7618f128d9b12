import type { Assert } from '@japa/assert'
import type { Page } from 'playwright'
import { afterAutofocus } from '#tests/support/focus'
import { textsOf } from '#tests/support/page_text'

/*
 * A form sent back with errors, as the GOV.UK pattern has it: the page
 * title starts "Error: ", the error summary has focus once the page has
 * loaded, and it links to these messages, in order. Returns the summary.
 */
export async function assertErrorSummary(
  page: Page,
  assert: Assert,
  title: string,
  messages: string[]
) {
  await page.assertTitleContains(`Error: ${title}`)
  await afterAutofocus(page)
  await page.assertFocused('error-summary-title', 'the error summary has focus')
  const summary = page.getByRole('alert')
  assert.deepEqual(await textsOf(summary.getByRole('link')), messages)
  return summary
}
