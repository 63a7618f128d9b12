import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createCourse, createProvider } from '#database/factories/learning_factory'
import { createService } from '#database/factories/workforce_factory'

test.group('List downloads, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR find the compliance downloads and the way to My exports', async ({
    browserContext,
    assert,
  }) => {
    const department = await OrganisationFactory.merge({ name: 'Department for Lists' }).create()
    const hr = await createUser({ roles: ['department_hr'], organisation: department })
    await createService(department, 'Renew a licence', { annualTransactions: 300_000 })

    const page = await browserContext.visitAs(hr, '/workforce/compliance')
    await page.assertTextContains('h1', 'Strategy actions 01 and 02')
    const downloads = page.getByRole('link', { name: /^Download CSV/ })
    assert.deepEqual(
      await downloads.evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
      ['/workforce/compliance/digital-leaders.csv', '/workforce/compliance/services.csv']
    )
    await page.assertAccessible()

    await page.getByRole('link', { name: 'My exports' }).first().focus()
    await page.keyboard.press('Enter')
    await page.assertPath('/exports')
    await page.assertAccessible()
  })

  test('the provider list and the catalogue offer their downloads', async ({
    browserContext,
    visit,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const provider = await createProvider('Browser Academy')
    await createCourse({ provider, title: 'Accessible forms' })

    const providers = await browserContext.visitAs(admin, '/learning/admin/providers')
    await providers.assertTextContains('h1', 'Training providers')
    await providers.getByRole('link', { name: 'Download CSV of every training provider' }).waitFor()
    await providers.assertAccessible()

    const catalogue = await visit(`/learning/courses?provider=${provider.id}`)
    await catalogue.getByRole('link', { name: 'Download CSV of the courses found' }).waitFor()
    await catalogue.assertExists(`a[href="/learning/courses.csv?provider=${provider.id}"]`)
    await catalogue.assertAccessible()
  })
})
