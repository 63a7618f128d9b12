import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { afterAutofocus } from '#tests/support/focus'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { mainNavigationLinks, navigateTo, sectionLinks } from '#tests/support/navigation'
import { baseURL, textOf } from '#tests/support/page_text'
import { assertAccessibleWithoutJavaScript } from '#tests/support/accessibility'

const PHONE = { width: 375, height: 700 }

async function activeElement(page: Page) {
  await afterAutofocus(page)
  return page.evaluate(() => {
    const element = document.activeElement
    return {
      tag: element?.tagName.toLowerCase(),
      id: element?.id,
      text: element?.textContent?.trim(),
    }
  })
}

async function focusedId(page: Page) {
  const element = await activeElement(page)
  return element.id
}

async function focusedText(page: Page) {
  const element = await activeElement(page)
  return element.text
}

test.group('Navigation and the page layout, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the first Tab reaches "Skip to main content" and Enter moves focus to the main content', async ({
    browserContext,
    assert,
  }) => {
    const user = await createUser({ overrides: { fullName: 'Keyboard Kim' } })
    const page = await browserContext.visitAs(user, '/')
    await page.assertAccessible()

    await page.keyboard.press('Tab')
    const skipLink = page.getByRole('link', { name: 'Skip to main content' })
    assert.deepEqual(await activeElement(page), { tag: 'a', id: '', text: 'Skip to main content' })
    const box = await skipLink.boundingBox()
    assert.isAbove(box!.width, 24, 'the focused skip link is visible')
    assert.isAbove(box!.height, 24, 'the focused skip link is visible')
    await page.assertAccessible()

    await page.keyboard.press('Enter')
    assert.equal(await focusedId(page), 'main-content')
    await page.keyboard.press('Tab')
    const next = await page.evaluate(() => !!document.activeElement?.closest('main'))
    assert.isTrue(next, 'the next Tab continues inside the main content')
    await page.assertAccessible()
  })

  test('a keyboard user signs in and reaches People through the main navigation', async ({
    visit,
    assert,
  }) => {
    const hr = await createUser({ roles: ['department_hr'] })
    const page = await visit('/sign-in')
    await page.assertAccessible()

    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    assert.equal(
      await focusedText(page),
      'feedback',
      'after the skip link and home link, the phase banner’s feedback link'
    )
    await page.keyboard.press('Tab')
    assert.equal(await focusedId(page), 'field-email', 'then the email field')
    await page.keyboard.type(hr.email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(TEST_PASSWORD)
    await page.keyboard.press('Enter')
    await page.assertPath('/')
    await page.assertAccessible()

    for (let presses = 0; presses < 30; presses++) {
      await page.keyboard.press('Tab')
      if ((await focusedText(page)) === 'Administration') break
    }
    assert.equal(await focusedText(page), 'Administration')
    await page.keyboard.press('Enter')
    await page.assertPath('/admin/users')
    await page.assertTextContains('h1', 'People')
    const section = page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current=true]')
    assert.equal(await textOf(section), 'Administration', 'the main navigation marks the section')
    const current = page
      .getByRole('navigation', { name: 'Administration' })
      .locator('a[aria-current=page]')
    assert.equal(await textOf(current), 'People', 'the section’s pages mark this one')
    await page.assertAccessible()

    // The section's pages come after the header's links, before the main content.
    for (let presses = 0; presses < 30; presses++) {
      await page.keyboard.press('Tab')
      const text = await focusedText(page)
      if (text?.startsWith('Sign out')) break
    }
    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), 'People')
    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), 'Organisations')
    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), 'Audit trail')
    await page.keyboard.press('Enter')
    await page.assertPath('/admin/audit')
    await page.assertAccessible()
  })

  test('the navigation offers a learner no administration links', async ({
    browserContext,
    assert,
  }) => {
    const learner = await createUser({ roles: ['learner'] })
    const page = await browserContext.visitAs(learner, '/')

    assert.deepEqual(await mainNavigationLinks(page), [
      'Home',
      'Framework',
      'Learning',
      'Skills',
      'Your profile',
    ])
    for (const administration of ['Administration', 'People', 'Organisations', 'Audit trail']) {
      assert.equal(await page.getByRole('link', { name: administration }).count(), 0)
    }
    await page.assertAccessible()

    await navigateTo(page, 'Skills', 'My gaps')
    await page.assertPath('/capability/gaps')
    assert.deepEqual(await sectionLinks(page, 'Skills'), ['My skills', 'My gaps', 'My plan'])
    await page.assertAccessible()
  })

  test('the navigation offers department HR Administration, with People, Organisations and Audit trail on its pages', async ({
    browserContext,
    assert,
  }) => {
    const hr = await createUser({ roles: ['department_hr'] })
    const page = await browserContext.visitAs(hr, '/profile')

    const links = await mainNavigationLinks(page)
    assert.includeOrderedMembers(links, ['Home'])
    assert.includeMembers(links, ['Administration', 'Your profile'])
    const current = page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current=page]')
    assert.equal(await textOf(current), 'Your profile')
    assert.equal(await page.getByRole('navigation', { name: 'Administration' }).count(), 0)
    await page.assertAccessible()

    await navigateTo(page, 'Administration')
    assert.deepEqual(await sectionLinks(page, 'Administration'), [
      'People',
      'Organisations',
      'Audit trail',
    ])
    await page.assertAccessible()
  })

  test('on a phone the navigation is behind a Menu button that reports whether it is expanded', async ({
    browserContext,
    assert,
  }) => {
    const hr = await createUser({ roles: ['department_hr'] })
    await browserContext.loginAs(hr)
    const page = await browserContext.newPage()
    await page.setViewportSize(PHONE)
    await page.goto('/')

    const menu = page.getByRole('button', { name: 'Menu' })
    const people = page.getByRole('link', { name: 'Administration', exact: true })
    await menu.waitFor({ state: 'visible', timeout: 15_000 })
    assert.equal(await menu.getAttribute('aria-expanded'), 'false')
    assert.equal(await menu.getAttribute('aria-controls'), 'primary-navigation')
    assert.isFalse(await people.isVisible(), 'the links are hidden until the menu is opened')
    assert.isFalse(await page.getByRole('button', { name: /^Sign out/ }).isVisible())
    await page.assertAccessible()

    await menu.click()
    assert.equal(await menu.getAttribute('aria-expanded'), 'true')
    assert.isTrue(await people.isVisible())
    assert.isTrue(await page.getByRole('button', { name: /^Sign out/ }).isVisible())
    await page.assertAccessible()

    await menu.focus()
    await page.keyboard.press('Enter')
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'the keyboard closes it too')
    assert.isFalse(await people.isVisible())
    await page.assertAccessible()
  })

  test('without JavaScript the sign-in form posts its CSRF token and the navigation shows in full', async ({
    browser,
    assert,
  }) => {
    const hr = await createUser({ roles: ['department_hr'] })
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: PHONE,
      baseURL: baseURL(),
    })
    try {
      const page = await context.newPage()
      await page.goto('/sign-in')
      await assertAccessibleWithoutJavaScript(browser, page)

      await page.getByLabel('Email address').fill(hr.email)
      await page.getByLabel('Password').fill(TEST_PASSWORD)
      const [request] = await Promise.all([
        page.waitForRequest(
          (sent) => sent.method() === 'POST' && new URL(sent.url()).pathname === '/sign-in'
        ),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ])
      const body = new URLSearchParams(request.postData() ?? '')
      assert.isAbove(body.get('_csrf')?.length ?? 0, 10, 'the form carries the CSRF token')
      assert.equal(body.get('email'), hr.email)

      await page.waitForURL(`${baseURL()}/`)
      await page.assertTextContains('h1', 'Welcome')
      assert.isFalse(
        await page.getByRole('button', { name: 'Menu' }).isVisible(),
        'no Menu button without JavaScript'
      )
      const navigation = page.getByRole('navigation', { name: 'Main' })
      for (const name of ['Home', 'Learning', 'Skills', 'Administration', 'Your profile']) {
        assert.isTrue(
          await navigation.getByRole('link', { name, exact: true }).isVisible(),
          `${name} is visible`
        )
      }
      assert.isTrue(await navigation.getByRole('button', { name: /^Sign out/ }).isVisible())
      await assertAccessibleWithoutJavaScript(browser, page)
    } finally {
      await context.close()
    }
  })

  test('signing out from the header ends the session', async ({ browserContext, assert }) => {
    const user = await createUser({ overrides: { fullName: 'Leaving Lee' } })
    const page = await browserContext.visitAs(user, '/profile')
    await page.assertTextContains('body', 'Signed in as Leaving Lee')

    await page
      .getByRole('banner')
      .getByRole('button', { name: "Sign out of Leaving Lee's account" })
      .click()
    await page.assertPath('/sign-in')
    await page.assertTextContains('[role=status]', 'You have signed out')
    assert.notInclude(await page.locator('body').textContent(), 'Signed in as')
    await page.assertAccessible()

    await page.goto('/profile')
    await page.assertPath('/sign-in')
    await page.assertAccessible()
  })
})
