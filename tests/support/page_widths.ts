import type { Locator, Page } from 'playwright'
import type { Assert } from '@japa/assert'

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

/*
 * What breaks reflow at the page's width (WCAG 1.4.10), each described for a
 * failure message: the document wider than the window; an element whose
 * right edge passes the window's, unless it is inside something that scrolls
 * or clips it; a region that scrolls but cannot be reached by keyboard or has
 * no name; and an id given twice, which sends a label to the wrong field.
 */
export function reflowProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = []
    const root = document.documentElement
    const width = root.clientWidth
    const describe = (element: Element) => {
      const id = element.id ? `#${element.id}` : ''
      const classes = element.classList.length ? `.${[...element.classList].join('.')}` : ''
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)
      return `<${element.tagName.toLowerCase()}${id}${classes.slice(0, 60)}> "${text}"`
    }
    if (root.scrollWidth > width) {
      problems.push(`the page is ${root.scrollWidth} px wide in a ${width} px window`)
    }
    const contains = (element: Element) => {
      const style = getComputedStyle(element)
      return style.overflowX !== 'visible'
    }
    const walk = (element: Element) => {
      const box = element.getBoundingClientRect()
      const right = box.right + window.scrollX
      if ((box.width > 0 || box.height > 0) && right > width + 0.5) {
        problems.push(`${describe(element)} reaches ${Math.round(right)} px`)
        return
      }
      if (contains(element)) return
      for (const child of element.children) walk(child)
    }
    for (const child of document.body.children) walk(child)

    // Fields that scroll their own text (a long textarea) are in the keyboard order already.
    for (const element of document.body.querySelectorAll(':not(textarea, select, input)')) {
      const style = getComputedStyle(element)
      const scrollsX =
        ['auto', 'scroll'].includes(style.overflowX) && element.scrollWidth > element.clientWidth
      const scrollsY =
        ['auto', 'scroll'].includes(style.overflowY) && element.scrollHeight > element.clientHeight
      if (!scrollsX && !scrollsY) continue
      if (element.getAttribute('tabindex') !== '0') {
        problems.push(`${describe(element)} scrolls but is not in the keyboard order`)
      }
      const named = element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby')
      if (element.getAttribute('role') !== 'region' || !named) {
        problems.push(`${describe(element)} scrolls but is not a named region`)
      }
    }

    const ids = new Map<string, number>()
    for (const element of document.querySelectorAll('[id]')) {
      ids.set(element.id, (ids.get(element.id) ?? 0) + 1)
    }
    for (const [id, count] of ids) if (count > 1) problems.push(`id "${id}" is used ${count} times`)
    for (const field of document.querySelectorAll(
      'form[method="GET" i] select, form[method="GET" i] input'
    )) {
      if (
        !field.hasAttribute('name') &&
        !['submit', 'button'].includes(field.getAttribute('type') ?? '')
      ) {
        problems.push(`${describe(field)} in a search form sends nothing: it has no name`)
      }
    }
    return problems
  })
}

const DESKTOP = { width: 1280, height: 900 }
const NARROW = { width: 320, height: 640 }

/*
 * axe at a desktop width and at 320 px, where the page must also keep
 * the screen's width; the page is left at the desktop width.
 */
export async function accessibleAtBothWidths(page: Page, assert: Assert) {
  await page.setViewportSize(DESKTOP)
  await page.assertAccessible()
  await page.setViewportSize(NARROW)
  const { scrollWidth, innerWidth } = await documentWidth(page)
  assert.isAtMost(scrollWidth, innerWidth, `${page.url()} is wider than the screen at 320 px`)
  await page.assertAccessible()
  await page.setViewportSize(DESKTOP)
}
