import { decoratorsCollection } from '@japa/browser-client'
import type { Locator, Page } from 'playwright'

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

/*
 * The focused element once the page has loaded, as tests check it: its tag,
 * id, role, what labels it and its text with whitespace collapsed.
 */
export async function activeElement(page: Page) {
  await afterAutofocus(page)
  return page.evaluate(() => {
    const element = document.activeElement
    return {
      tag: element?.tagName.toLowerCase(),
      id: element?.id,
      role: element?.getAttribute('role'),
      labelledBy: element?.getAttribute('aria-labelledby'),
      text: element?.textContent?.replace(/\s+/g, ' ').trim(),
    }
  })
}

/* Presses Tab until the focused element passes the check; fails after `limit` presses. */
export async function tabUntil(
  page: Page,
  description: string,
  check: (focused: Awaited<ReturnType<typeof activeElement>>) => boolean,
  limit = 25
) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab')
    if (check(await activeElement(page))) return
  }
  throw new Error(`${limit} presses of Tab did not reach ${description}`)
}

/* Presses Tab until the element has focus; fails after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let pressed = 0; pressed < limit; pressed++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((element) => element === document.activeElement)) return
  }
  throw new Error('The element was not reached with the Tab key')
}

/*
 * The id of the focused element and the id of what labels it, once the page
 * has moved focus (autofocus runs a frame after load). Given `labelledBy`,
 * it waits up to fifteen seconds for the element that label names.
 */
export async function focusedIds(page: Page, labelledBy?: string) {
  await afterAutofocus(page)
  if (labelledBy) {
    await page
      .waitForFunction(
        (name) => document.activeElement?.getAttribute('aria-labelledby') === name,
        labelledBy,
        { timeout: 15_000 }
      )
      .catch(() => {})
  }
  return page.evaluate(() => ({
    id: document.activeElement?.id,
    labelledBy: document.activeElement?.getAttribute('aria-labelledby'),
  }))
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
