import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { documentWidth } from '#tests/support/page_widths'

/*
 * Words longer than a phone's line: an e-mail address or a name with no
 * space in it breaks across lines instead of widening the page (WCAG 1.4.10).
 */
test.group('Reflow: long words at 320 px', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a profile with a long e-mail address and name keeps the phone’s width', async ({
    browserContext,
    assert,
  }) => {
    const person = await createUser({
      overrides: {
        fullName: 'Bartholomew-Montgomery-Fitzwilliam-Worthington',
        email: 'bartholomew.montgomery-fitzwilliam.worthington@department.example.gov.uk',
      },
    })
    const page = await browserContext.visitAs(person, '/profile')
    await page.setViewportSize({ width: 320, height: 640 })
    await page.getByText('bartholomew.montgomery-fitzwilliam.worthington').first().waitFor()
    const { scrollWidth, innerWidth } = await documentWidth(page)
    assert.isAtMost(scrollWidth, innerWidth, 'the profile is wider than the screen at 320 px')
  })
})
