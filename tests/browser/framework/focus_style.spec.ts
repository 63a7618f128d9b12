import { test } from '@japa/runner'
import type { Locator, Page } from 'playwright'

/*
 * The element's outline, shadow and colours as the browser draws them once
 * the keyboard has moved focus onto it (focus, then Shift+Tab and Tab, so
 * the browser shows focus as it does for keyboard users).
 */
async function keyboardFocusStyle(page: Page, element: Locator) {
  await element.focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
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
    const field = await keyboardFocusStyle(page, page.getByLabel('Email address'))
    assert.equal(field.tag, 'INPUT')
    assert.equal(field.outlineStyle, 'solid')
    assert.equal(field.outlineColor, YELLOW)
    assert.equal(field.outlineWidth, '3px')
    assert.include(field.boxShadow, `${DARK} 0px 0px 0px 6px`)

    const button = await keyboardFocusStyle(
      page,
      page.getByRole('button', { name: 'Sign in', exact: true })
    )
    assert.equal(button.tag, 'BUTTON')
    assert.equal(button.outlineColor, YELLOW)
    assert.include(button.boxShadow, `${DARK} 0px 0px 0px 6px`)

    const link = await keyboardFocusStyle(
      page,
      page.getByRole('link', { name: 'Cookies', exact: true })
    )
    assert.equal(link.tag, 'A')
    assert.equal(link.backgroundColor, YELLOW)
    assert.include(link.boxShadow, `${DARK} 0px 4px 0px 0px`)
  })
})
