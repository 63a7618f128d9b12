import type { Locator, Page } from 'playwright'

/*
 * How wide things are on a narrow screen, for the checks that a page keeps
 * its width and that a wide table scrolls inside its own region instead.
 */

/* How wide the whole document is, against the window: wider, and the page itself scrolls sideways. */
export function documentWidth(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }))
}

/* How wide an element's content is, against the part of it that shows: wider, and it scrolls. */
export function contentWidth(element: Locator) {
  return element.evaluate((shown) => ({
    scrollWidth: shown.scrollWidth,
    clientWidth: shown.clientWidth,
  }))
}
