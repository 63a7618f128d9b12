import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import Service from '#models/service'
import { transportAndRevenue } from '#tests/support/fixtures/departments'
import { managedService } from '#tests/support/services'
import { submitAs } from '#tests/support/forms'
import { assertPagesAnswer } from '#tests/support/page_access'

/* DfT with DVLA below it, and HMRC, each with its HR. */
const departments = () => transportAndRevenue()

const form = (organisationId: number, extra: Record<string, unknown> = {}) => ({
  organisationId: String(organisationId),
  name: 'Renew your driving licence',
  annualTransactions: '6000000',
  phase: 'alpha',
  serviceManagerEmail: '',
  ...extra,
})

test.group('Services register', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the services in scope with their compliance in words, filtered', async ({
    assert,
    client,
  }) => {
    const { dvla, hmrc, dftHr, hmrcHr } = await departments()
    const manager = await createUser({ organisation: dvla })
    await managedService(dvla, 'Tax your vehicle', 40_000_000, manager, 'live')
    await managedService(dvla, 'Personalised plates', 90_000, undefined, 'alpha')
    await managedService(hmrc, 'Self Assessment', 10_000_000)

    const page = await client.get('/workforce/services').loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes('Tax your vehicle')
    page.assertTextIncludes('Service Manager not trained')
    page.assertTextIncludes('Not required (100,000 transactions a year or fewer)')
    assert.notInclude(page.text(), 'Self Assessment')

    const over = await client.get('/workforce/services').qs({ overThreshold: 'yes' }).loginAs(dftHr)
    over.assertTextIncludes('Tax your vehicle')
    assert.notInclude(over.text(), 'Personalised plates')

    const passing = await client.get('/workforce/services').qs({ compliant: 'yes' }).loginAs(dftHr)
    passing.assertTextIncludes('Personalised plates')
    assert.notInclude(passing.text(), 'Tax your vehicle')

    const alpha = await client.get('/workforce/services').qs({ phase: 'alpha' }).loginAs(dftHr)
    alpha.assertTextIncludes('Personalised plates')
    assert.notInclude(alpha.text(), 'Tax your vehicle')

    const other = await client.get('/workforce/services').loginAs(hmrcHr)
    other.assertTextIncludes('Self Assessment')
    assert.notInclude(other.text(), 'Tax your vehicle')
  })

  test('the CSV export streams the same filtered services in scope', async ({ assert, client }) => {
    const { dvla, hmrc, dftHr } = await departments()
    await managedService(dvla, 'Tax your vehicle', 40_000_000)
    await managedService(dvla, 'Personalised plates', 90_000)
    await managedService(hmrc, 'Self Assessment', 10_000_000)
    const response = await client
      .get('/workforce/services.csv')
      .qs({ compliant: 'no' })
      .loginAs(dftHr)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = response.text().trim().split('\n')
    assert.equal(
      lines[0],
      'Organisation,Service,Annual transactions,Phase,Used online,Exemplar,Service Manager,Service Manager email,Compliance'
    )
    assert.lengthOf(lines, 2)
    assert.include(lines[1], 'Tax your vehicle,40000000,Beta,No,No,,,No Service Manager named')
  })

  test('the CSV export says whether people can use each service online', async ({
    assert,
    client,
  }) => {
    const { dvla, dftHr } = await departments()
    const online = await managedService(dvla, 'Tax your vehicle', 40_000_000, undefined, 'live')
    online.hasDigitalChannel = true
    await online.save()
    await managedService(dvla, 'Personalised plates', 90_000, undefined, 'live')
    const response = await client.get('/workforce/services.csv').loginAs(dftHr)
    response.assertStatus(200)
    const [header, ...rows] = response
      .text()
      .trim()
      .split('\n')
      .map((line) => line.split(','))
    const column = header.indexOf('Used online')
    assert.isAbove(column, -1)
    assert.sameDeepMembers(
      rows.map((row) => [row[1], row[column]]),
      [
        ['Tax your vehicle', 'Yes'],
        ['Personalised plates', 'No'],
      ]
    )
  })

  test('learners are refused the register, the export and the form', async ({ client }) => {
    const learner = await createUser()
    await assertPagesAnswer(
      client,
      learner,
      ['/workforce/services', '/workforce/services.csv', '/workforce/services/create'],
      403
    )
  })

  test('department HR add a service, named uniquely within the organisation', async ({
    assert,
    client,
  }) => {
    const { dvla, dftHr } = await departments()
    const manager = await createUser({ organisation: dvla, overrides: { fullName: 'Mo Manager' } })
    const response = await submitAs(client, dftHr).post(
      '/workforce/services',
      form(dvla.id, { serviceManagerEmail: manager.email, isExemplar: 'true' })
    )
    response.assertStatus(302)
    response.assertHeader('location', '/workforce/services')
    response.assertFlashMessage('success', 'Service added: Renew your driving licence')
    const saved = await Service.findByOrFail('name', 'Renew your driving licence')
    assert.equal(saved.annualTransactions, 6_000_000)
    assert.equal(saved.serviceManagerId, manager.id)
    assert.isTrue(saved.isExemplar)

    const duplicate = await submitAs(client, dftHr).post(
      '/workforce/services',
      form(dvla.id, { name: 'RENEW your driving licence' })
    )
    duplicate.assertFlashMessage('inputErrorsBag', {
      name: ['This organisation already has a service with this name'],
    })
  })

  test('transactions must be a whole number of 0 or more and the manager an active person', async ({
    client,
  }) => {
    const { dvla, dftHr } = await departments()
    const decimal = await submitAs(client, dftHr).post(
      '/workforce/services',
      form(dvla.id, { annualTransactions: '12.5' })
    )
    decimal.assertFlashMessage('inputErrorsBag', {
      annualTransactions: ['Transactions a year must be a whole number, like 250000'],
    })
    const negative = await submitAs(client, dftHr).post(
      '/workforce/services',
      form(dvla.id, { annualTransactions: '-1' })
    )
    negative.assertFlashMessage('inputErrorsBag', {
      annualTransactions: ['Transactions a year must be 0 or more'],
    })
    const unknown = await submitAs(client, dftHr).post(
      '/workforce/services',
      form(dvla.id, { serviceManagerEmail: 'nobody@example.gov.uk' })
    )
    unknown.assertFlashMessage('inputErrorsBag', {
      serviceManagerEmail: [
        'There is no active person with this email address: check it, or add them first',
      ],
    })
  })

  test('a Service Manager from another organisation is accepted with a note', async ({
    client,
  }) => {
    const { dvla, hmrc, dftHr } = await departments()
    const outsider = await createUser({
      organisation: hmrc,
      overrides: { fullName: 'Olu Outside' },
    })
    const response = await submitAs(client, dftHr).post(
      '/workforce/services',
      form(dvla.id, { serviceManagerEmail: outsider.email })
    )
    response.assertFlashMessage(
      'success',
      `Service added: Renew your driving licence. The Service Manager, Olu Outside, works in another organisation (${hmrc.name})`
    )
  })

  test('department HR change services in their tree but not elsewhere', async ({
    assert,
    client,
  }) => {
    const { dvla, hmrc, dftHr } = await departments()
    const own = await managedService(dvla, 'Tax your vehicle', 40_000_000)
    const theirs = await managedService(hmrc, 'Self Assessment', 10_000_000)

    const edit = await client.get(`/workforce/services/${own.id}/edit`).loginAs(dftHr)
    edit.assertStatus(200)
    edit.assertTextIncludes('Change Tax your vehicle')
    const update = await submitAs(client, dftHr).put(
      `/workforce/services/${own.id}`,
      form(dvla.id, { name: 'Tax your vehicle', annualTransactions: '0', phase: 'live' })
    )
    update.assertFlashMessage('success', 'Service updated: Tax your vehicle')
    await own.refresh()
    assert.equal(own.annualTransactions, 0)
    assert.equal(own.phase, 'live')

    const outside = await client.get(`/workforce/services/${theirs.id}/edit`).loginAs(dftHr)
    outside.assertStatus(404)
    const moved = await submitAs(client, dftHr).post('/workforce/services', form(hmrc.id))
    moved.assertFlashMessage('inputErrorsBag', {
      organisationId: ['Select the organisation that runs the service'],
    })
  })
})
