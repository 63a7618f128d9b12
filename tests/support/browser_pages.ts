import type { PluginFn } from '@japa/runner/types'
import type { BrowserContext, Page } from 'playwright'

/*
 * Each browser test ends by closing its pages before anything else of its
 * clean-up runs (the database transaction's rollback above all), so no
 * request a page still has in flight reaches the next test's data.
 *
 * When a test fails, the pages it had open are described (address, title,
 * heading, the start of the main text) with every request that failed or
 * answered 4xx/5xx, so a failure on a busy machine says what the browser saw.
 */

type Trouble = string[]

function watch(context: BrowserContext): Trouble {
  const trouble: Trouble = []
  context.on('requestfailed', (request) => {
    trouble.push(`${request.method()} ${request.url()} failed: ${request.failure()?.errorText}`)
  })
  context.on('response', (response) => {
    if (response.status() >= 400) {
      trouble.push(`${response.request().method()} ${response.url()} answered ${response.status()}`)
    }
  })
  return trouble
}

async function describe(page: Page) {
  if (page.isClosed()) return '  (closed)'
  try {
    const seen = await page.evaluate(() => ({
      title: document.title,
      h1: document.querySelector('h1')?.textContent?.trim() ?? null,
      main: (document.querySelector('main') ?? document.body)?.innerText
        .replace(/\s+/g, ' ')
        .slice(0, 400),
      stylesheets: document.styleSheets.length,
      focused: document.activeElement?.id || document.activeElement?.tagName || null,
    }))
    return [
      `  address: ${page.url()}`,
      `  title: ${seen.title}`,
      `  h1: ${seen.h1}`,
      `  stylesheets: ${seen.stylesheets}, focus: ${seen.focused}`,
      `  main: ${seen.main}`,
    ].join('\n')
  } catch (error) {
    return `  address: ${page.url()} (could not be read: ${(error as Error).message})`
  }
}

export const browserPages: PluginFn = function ({ runner }) {
  runner.onSuite((suite) => {
    if (suite.name !== 'browser') return
    suite.onGroup((group) => {
      // A tap runs after the group's own `each.setup` hooks are attached, so
      // this clean-up runs first.
      group.tap((test) => {
        test.setup(() => {
          const context = test.context?.browserContext as BrowserContext | undefined
          if (!context) return
          const trouble = watch(context)
          return async (hasError: boolean) => {
            const pages = context.pages()
            if (hasError) {
              const described = await Promise.all(pages.map(describe))
              console.error(
                [
                  `What the browser had open when "${test.title}" failed:`,
                  ...described,
                  ...(trouble.length
                    ? ['Requests that failed:', ...trouble.map((t) => `  ${t}`)]
                    : []),
                ].join('\n')
              )
            }
            await Promise.all(pages.map((page) => page.close()))
          }
        })
      })
    })
  })
}
