import { decoratorsCollection } from '@japa/browser-client'
import type { Page } from 'playwright'

/* The focused element, once the page has loaded: its id (or the id of what labels it) and its text. */
export async function focused(page: Page) {
  await afterAutofocus(page)
  return page.evaluate(() => {
    const element = document.activeElement
    return {
      id: element?.id || element?.getAttribute('aria-labelledby') || null,
      text: element?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    }
  })
}

/*
 * Chromium moves focus to an `autofocus` element when it first renders the
 * page, and it renders only once the stylesheets have arrived: wait for the
 * page to load, then two animation frames.
 */
export async function afterAutofocus(page: Page) {
  await page.waitForLoadState('load')
  await page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))
  )
}

/*
 * Fails unless the element with this id (or labelled by the element with this
 * id) has focus, waiting up to 15 s for the page to load and focus to settle.
 */
export async function assertFocused(page: Page, id: string, message?: string) {
  await page.waitForLoadState('load')
  const landed = await page
    .waitForFunction(
      (expected) => {
        const element = document.activeElement
        return element?.id === expected || element?.getAttribute('aria-labelledby') === expected
      },
      id,
      { timeout: 15_000 }
    )
    .then(
      () => true,
      () => false
    )
  if (landed) return
  const now = await focused(page)
  throw new Error(
    `${message ?? 'Focus'}: expected "${id}" to have focus, but "${now.id ?? now.text}" has it`
  )
}

decoratorsCollection.register({
  page(page) {
    page.assertFocused = function (id: string, message?: string) {
      return assertFocused(this, id, message)
    }
  },
})

declare module 'playwright' {
  interface Page {
    assertFocused(id: string, message?: string): Promise<void>
  }
}
