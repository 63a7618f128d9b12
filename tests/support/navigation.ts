import type { Page } from 'playwright'

/*
 * Follows the main navigation: the entry named first, then, within the
 * section it opens, each page named after it, e.g.
 * navigateTo(page, 'Skills', 'My gaps').
 */
export async function navigateTo(page: Page, entry: string, ...within: string[]) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: entry, exact: true })
    .click()
  for (const name of within) {
    await page
      .getByRole('navigation', { name: entry, exact: true })
      .getByRole('link', { name, exact: true })
      .click()
  }
}

/* The names of the links in the main navigation, in order. */
export async function mainNavigationLinks(page: Page) {
  const names = await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link')
    .allTextContents()
  return names.map((name) => name.trim())
}

/* The names of the pages a section lists under the header, in order. */
export async function sectionLinks(page: Page, section: string) {
  const names = await page
    .getByRole('navigation', { name: section, exact: true })
    .getByRole('link')
    .allTextContents()
  return names.map((name) => name.trim())
}

/* Presses a button whose form posts and waits for the page it leads to. */
export async function clickAndLoad(page: Page, button: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click()])
}
