import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'

const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 320, height: 640 }

test.group('The pages every service has, in a browser', () => {
  test('the footer leads to each of them; each is accessible at 1280 and 320 px and fits a phone', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/sign-in')
    const footer = page.getByRole('contentinfo')
    const links = [
      ['Accessibility statement', 'Accessibility statement for the Digital Capability Service'],
      ['Cookies', 'Cookies'],
      ['Privacy', 'Privacy notice'],
      ['Feedback', 'Give feedback'],
      ['Service status', 'Service status'],
    ]
    for (const [link, heading] of links) {
      await page.setViewportSize(DESKTOP)
      await page.goto(router.makeUrl('session.create'))
      await footer.getByRole('link', { name: link, exact: true }).click()
      await page.assertTextContains('h1', heading)
      await page.assertAccessible()
      await page.setViewportSize(PHONE)
      await page.reload()
      await page.assertAccessible()
      const widths = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }))
      assert.isAtMost(widths.scrollWidth, widths.innerWidth, `${heading}: no sideways scroll`)
    }
    await page.getByRole('link', { name: 'feedback', exact: true }).click()
    await page.assertTextContains('h1', 'Give feedback')
  })
})
