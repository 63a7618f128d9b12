import { test } from '@japa/runner'
import type { Page } from 'playwright'

/* The focused element's outline and shadow, and its own colours, as the browser draws them. */
async function focusStyle(page: Page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!)
    return {
      tag: document.activeElement!.tagName,
      outlineColor: style.outlineColor,
      outlineWidth: style.outlineWidth,
      outlineStyle: style.outlineStyle,
      boxShadow: style.boxShadow,
      backgroundColor: style.backgroundColor,
    }
  })
}

const YELLOW = 'rgb(255, 191, 71)'
const DARK = 'rgb(11, 12, 12)'

test.group('Focus, in a browser', () => {
  test('fields and buttons focused by keyboard get a yellow outline inside a dark ring; links turn yellow with a dark bar', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/sign-in')
    await page.getByLabel('Email address').focus()
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    const field = await focusStyle(page)
    assert.equal(field.tag, 'INPUT')
    assert.equal(field.outlineStyle, 'solid')
    assert.equal(field.outlineColor, YELLOW)
    assert.equal(field.outlineWidth, '3px')
    assert.include(field.boxShadow, `${DARK} 0px 0px 0px 6px`)

    await page.getByRole('button', { name: 'Sign in', exact: true }).focus()
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    const button = await focusStyle(page)
    assert.equal(button.tag, 'BUTTON')
    assert.equal(button.outlineColor, YELLOW)
    assert.include(button.boxShadow, `${DARK} 0px 0px 0px 6px`)

    await page.getByRole('link', { name: 'Cookies', exact: true }).focus()
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    const link = await focusStyle(page)
    assert.equal(link.tag, 'A')
    assert.equal(link.backgroundColor, YELLOW)
    assert.include(link.boxShadow, `${DARK} 0px 4px 0px 0px`)
  })
})
