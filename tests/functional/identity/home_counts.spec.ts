import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createTeam } from '#database/factories/fast_stream_factory'

/* The figures of the administration panel on the home page, tags taken out. */
function figures(html: string) {
  const panel = html.slice(html.indexOf('id="admin-heading"'))
  return panel
    .slice(0, panel.indexOf('</ul>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

test.group('Home page: counts of one', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR of one organisation with one person and one team read each in the singular', async ({
    client,
    assert,
  }) => {
    const organisation = await OrganisationFactory.merge({ name: 'Office of One' }).create()
    await createTeam(organisation, 'Only team', { location: 'York' })
    const hr = await createUser({ roles: ['department_hr'], organisation })
    const page = await client.get('/').loginAs(hr)
    page.assertStatus(200)
    const text = figures(page.text())
    assert.include(text, ' 1 active person ')
    assert.include(text, ' 0 deactivated accounts ')
    assert.include(text, ' 1 organisation ')
    assert.include(text, ' 1 delivery team ')
  })
})
