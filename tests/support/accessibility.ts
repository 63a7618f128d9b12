import { AxeBuilder } from '@axe-core/playwright'
import { decoratorsCollection } from '@japa/browser-client'
import type { Browser, Page } from 'playwright'

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/*
 * Runs axe-core on the page and fails with a readable list of violations.
 * The page is checked once it has loaded: a page reached by a click can show
 * its text before its stylesheet arrives, and unstyled it is not the page.
 */
export async function assertAccessible(page: Page) {
  await page.waitForLoadState('load')
  // Only what can fail is reported in full: listing every passing node costs seconds on a long page.
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations', 'incomplete'] })
    .withTags(WCAG_TAGS)
    .analyze()
  // Duplicate ids referred to by ARIA are reported as "needs review", but
  // they always mislead a screen reader: count them as failures.
  const failures = [
    ...results.violations,
    ...results.incomplete.filter((result) => result.id === 'duplicate-id-aria'),
  ]
  if (failures.length) {
    const lines = failures.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n    ` +
        violation.nodes.map((node) => node.target.join(' ')).join('\n    ')
    )
    throw new Error(`Accessibility violations on ${page.url()}:\n  ${lines.join('\n  ')}`)
  }
}

/*
 * axe-core cannot run where JavaScript is disabled, so the page as that
 * browser rendered it is checked in a copy that runs none of the page's
 * scripts: the same HTML, the same styles, the same viewport. What sits in
 * <noscript> is shown only without JavaScript, so the copy shows it as
 * ordinary content: it is what those readers get.
 */
export async function assertAccessibleWithoutJavaScript(browser: Browser, page: Page) {
  const rendered = await page.content()
  const html = rendered.replaceAll('<noscript>', '<div>').replaceAll('</noscript>', '</div>')
  const url = page.url()
  const mirror = await browser.newContext({ viewport: page.viewportSize() })
  try {
    const copy = await mirror.newPage()
    await copy.route('**/*', (route) => {
      const request = route.request()
      if (request.isNavigationRequest() && request.url() === url) {
        return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' })
      }
      if (request.resourceType() === 'script') return route.abort()
      return route.continue()
    })
    await copy.goto(url)
    await copy.assertAccessible()
  } finally {
    await mirror.close()
  }
}

decoratorsCollection.register({
  page(page) {
    page.assertAccessible = function () {
      return assertAccessible(this)
    }
  },
})

declare module 'playwright' {
  interface Page {
    assertAccessible(): Promise<void>
  }
}
