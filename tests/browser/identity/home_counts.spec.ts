import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createTeam } from '#database/factories/fast_stream_factory'

test.group('Home page counts, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR of one organisation read one person, organisation and team in the singular', async ({
    browserContext,
    assert,
  }) => {
    const organisation = await OrganisationFactory.merge({ name: 'Office of One' }).create()
    await createTeam(organisation, 'Only team', { location: 'York' })
    const hr = await createUser({ roles: ['department_hr'], organisation })

    const page = await browserContext.visitAs(hr, '/')
    const panel = page.locator('section', {
      has: page.getByRole('heading', { level: 2, name: 'Your organisation' }),
    })
    const texts = await panel.getByRole('listitem').allInnerTexts()
    const figures = texts.map((text) => text.replace(/\s+/g, ' ').trim())
    assert.includeMembers(figures, [
      '1 active person',
      '0 deactivated accounts',
      '1 organisation',
      '1 delivery team',
    ])
    await page.assertAccessible()
  })
})
