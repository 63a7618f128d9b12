import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { compliantDigitalLeader } from '#tests/support/digital_leaders'
import { alphaAndBetaWithAdmin } from '#tests/support/fixtures/departments'
import { csvRows, MY_EXPORTS } from '#tests/support/exports'
import { createService } from '#database/factories/workforce_factory'

test.group('Exports: strategy actions 01 and 02', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('actions 01 and 02 export every organisation and service in HR’s scope', async ({
    client,
    assert,
  }) => {
    const { alpha, alphaAgency, beta, hrA } = await alphaAndBetaWithAdmin()
    const leader = await createUser({
      organisation: alphaAgency,
      overrides: { fullName: 'Lena Leader', email: 'lena.leader@example.gov.uk' },
    })
    await compliantDigitalLeader(alphaAgency, leader)
    const manager = await createUser({
      organisation: alpha,
      overrides: { fullName: 'Sam Manager' },
    })
    await createService(alpha, 'Apply for a permit', { annualTransactions: 250_000 })
    await createService(alphaAgency, 'Book a test', {
      annualTransactions: 120_000,
      phase: 'beta',
      isExemplar: true,
      serviceManagerId: manager.id,
    })
    await createService(alpha, 'Small service', { annualTransactions: 100_000 })
    await createService(beta, 'Beta service', { annualTransactions: 500_000 })

    const leaders = await client.get('/workforce/compliance/digital-leaders.csv').loginAs(hrA)
    leaders.assertStatus(200)
    assert.deepEqual(csvRows(leaders.text()), [
      [
        'Organisation',
        'Type',
        'Digital Leader',
        'Digital Leader email',
        'Meets action 01',
        'Reason',
      ],
      ['Alpha Agency', 'Executive agency', 'Lena Leader', 'lena.leader@example.gov.uk', 'yes', ''],
      ['Department Alpha', 'Ministerial department', '', '', 'no', 'No Digital Leader named'],
    ])

    const services = await client.get('/workforce/compliance/services.csv').loginAs(hrA)
    services.assertStatus(200)
    // No mandatory Service Manager course exists, so a named manager is not yet trained.
    assert.deepEqual(csvRows(services.text()), [
      [
        'Service',
        'Organisation',
        'Transactions a year',
        'Service Manager',
        'Meets action 02',
        'Status',
      ],
      ['Book a test', 'Alpha Agency', '120000', 'Sam Manager', 'no', 'Service Manager not trained'],
      ['Apply for a permit', 'Department Alpha', '250000', '', 'no', 'No Service Manager named'],
    ])

    const page = await client.get('/workforce/compliance').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('href="/workforce/compliance/digital-leaders.csv"')
    page.assertTextIncludes('href="/workforce/compliance/services.csv"')
    page.assertTextIncludes(MY_EXPORTS)

    const learner = await createUser({ organisation: alpha })
    for (const path of [
      '/workforce/compliance/digital-leaders.csv',
      '/workforce/compliance/services.csv',
    ]) {
      const refused = await client.get(path).loginAs(learner)
      refused.assertStatus(403)
    }
  })
})
