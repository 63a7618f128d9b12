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
