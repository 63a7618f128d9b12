import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'

/*
 * Markup that reached a page from data, as if a template had written it
 * unescaped: inside the header's navigation component, outside any
 * component, as an unknown component, and as a form that submits itself.
 */
const INJECTED = `
  <i id="in-component" x-init="$el.setAttribute('data-ran', 'yes')" x-on:click="$el.setAttribute('data-ran', 'yes')">x</i>
  <i id="no-component" x-data x-init="$el.setAttribute('data-ran', 'yes')">x</i>
  <div id="unknown-component" x-data="{ ran: 'yes' }" x-init="$el.setAttribute('data-ran', ran)"><span id="unknown-text" x-text="ran"></span></div>
  <form id="self-submitting" method="post" action="/sign-out"><input id="submitter" x-data x-init="$el.form.requestSubmit()"></form>
`

test.group('Injected Alpine directives, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('directives that did not come from a template never run, and the page’s own components still work', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const user = await createUser({ overrides: { fullName: 'Inert Ines' } })
    await browserContext.loginAs(user)
    await browserContext.route('**/profile', async (route) => {
      const response = await route.fetch()
      const original = await response.text()
      const html = original
        .replace('<a href="/" class="header-link', `${INJECTED}<a href="/" class="header-link`)
        .replace('<h1', `${INJECTED.replaceAll('id="', 'id="main-')}<h1`)
      await route.fulfill({ response, body: html })
    })

    const page = await visit('/profile')
    await page.setViewportSize({ width: 375, height: 700 })
    await page.waitForFunction(() => (window as any).Alpine !== undefined)
    // The real menu is a component of the page: it still opens and closes.
    const menu = page.getByRole('button', { name: 'Menu' })
    await menu.waitFor({ state: 'visible', timeout: 15_000 })
    await menu.click()
    assert.equal(await menu.getAttribute('aria-expanded'), 'true')

    for (const prefix of ['', 'main-']) {
      await page.locator(`#${prefix}in-component`).click({ force: true })
      for (const id of ['in-component', 'no-component', 'unknown-component']) {
        assert.isNull(
          await page.locator(`#${prefix}${id}`).getAttribute('data-ran'),
          `${prefix}${id}`
        )
        const directives = await page
          .locator(`#${prefix}${id}`)
          .evaluate((element) =>
            element.getAttributeNames().filter((name) => /^(x-|:|@)/.test(name))
          )
        assert.deepEqual(directives, [], `${prefix}${id} keeps no directive`)
      }
      assert.equal(await page.locator(`#${prefix}unknown-text`).textContent(), '')
    }

    // Markup added after the page started is held to the same rule.
    await page.evaluate(() => {
      document
        .querySelector('main')!
        .insertAdjacentHTML(
          'beforeend',
          `<i id="added-later" x-data x-init="$el.setAttribute('data-ran', 'yes')">x</i>`
        )
    })
    await page.waitForTimeout(200)
    assert.isNull(await page.locator('#added-later').getAttribute('data-ran'))

    // Nothing submitted itself: still on the profile page, still signed in.
    assert.match(page.url(), /\/profile$/)
    const again = await visit('/profile')
    await again.getByRole('heading', { level: 1 }).waitFor()
    assert.match(again.url(), /\/profile$/)
  })
})
