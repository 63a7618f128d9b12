import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { contentWidth, documentWidth } from '#tests/support/page_widths'

const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 320, height: 640 }

test.group('Wide tables on a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('at 320 px the people list keeps the page’s width: its table scrolls sideways in a focusable region named by its caption', async ({
    browserContext,
    assert,
  }) => {
    const department = await OrganisationFactory.merge({
      name: 'Department for Exceptionally Long Organisation Names',
    }).create()
    const hr = await createUser({
      roles: ['department_hr'],
      organisation: department,
      overrides: {
        fullName: 'Henrietta Montgomery-Fotheringham',
        email: 'henrietta.montgomery-fotheringham@exceptionally-long.example.gov.uk',
      },
    })

    const page = await browserContext.visitAs(hr, '/admin/users')
    await page.assertTextContains('h1', 'People')
    await page.assertAccessible()

    await page.setViewportSize(PHONE)
    await page.reload()
    const widths = await documentWidth(page)
    assert.isAtMost(
      widths.scrollWidth,
      widths.innerWidth,
      'the page itself does not scroll sideways'
    )

    const region = page.getByRole('region', { name: /^People, sorted by name/ })
    assert.equal(await region.getAttribute('tabindex'), '0')
    assert.isTrue(
      await region.getByRole('table', { name: /^People, sorted by name/ }).isVisible(),
      'the region holds the table its caption names'
    )
    const overflow = await contentWidth(region)
    assert.isAbove(overflow.scrollWidth, overflow.clientWidth, 'the table scrolls in its region')

    await region.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    // Chromium scrolls smoothly: wait for the region to move.
    await page.waitForFunction((element) => element!.scrollLeft > 0, await region.elementHandle())
    const after = await documentWidth(page)
    assert.isAtMost(after.scrollWidth, after.innerWidth, 'scrolling the table leaves the page put')
    await page.assertAccessible()
    await page.setViewportSize(DESKTOP)
  })
})
