import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { strategyFixture, workforceFixture } from '#tests/support/fixtures/insights'
import { bearer, apiAs } from '#tests/support/api'
import { metricsFor } from '#tests/support/metrics'
import { csvRows } from '#tests/support/exports'

const figures = (rows: any[]) =>
  rows.map((row) => [row.name, row.postsNeeded, row.inPost, row.beingRecruited])

test.group('Dashboards: headcount', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('posts needed in the year’s plans, in post today and being recruited, per role profile', async ({
    client,
    assert,
  }) => {
    const { admin } = await workforceFixture()
    const { data } = await metricsFor(client, admin, 'headcount?year=2025')
    assert.deepEqual(figures(data.byRoleProfile), [
      ['Leader', 0, 1, 0],
      ['Delivery manager', 9, 4, 5],
      ['Developer', 5, 3, 2],
    ])
    assert.deepEqual(data.total, { postsNeeded: 14, inPost: 8, beingRecruited: 7 })
  })

  test('HR count only their tree, and another year reads that year’s plans', async ({
    client,
    assert,
  }) => {
    const { hrA } = await workforceFixture()
    const auth = await bearer(hrA)
    const thisYear = await apiAs(client, auth).get('/api/v1/metrics/headcount?year=2025')
    thisYear.assertStatus(200)
    assert.deepEqual(figures(thisYear.body().data.byRoleProfile), [
      ['Leader', 0, 1, 0],
      ['Delivery manager', 5, 2, 2],
      ['Developer', 5, 2, 2],
    ])
    const lastYear = await apiAs(client, auth).get('/api/v1/metrics/headcount?year=2024')
    assert.deepEqual(figures(lastYear.body().data.byRoleProfile), [
      ['Leader', 0, 1, 0],
      ['Delivery manager', 9, 2, 2],
      ['Developer', 0, 2, 2],
    ])

    const page = await client.get('/insights/workforce?year=2025').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('Posts needed, in post and being recruited, by role profile')
    const csv = await client.get('/insights/headcount.csv?year=2025').loginAs(hrA)
    csv.assertStatus(200)
    assert.deepEqual(csvRows(csv.text()), [
      ['Role family', 'Role profile', 'Posts needed', 'In post', 'Being recruited', 'Shortfall'],
      ['Leadership', 'Leader', '0', '1', '0', '0'],
      ['Product and delivery', 'Delivery manager', '5', '2', '2', '3'],
      ['Technical', 'Developer', '5', '2', '2', '3'],
      ['', 'Total', '10', '5', '4', '5'],
    ])
  })
})

test.group('Dashboards: strategy actions 01 and 02', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Digital Leaders in place among departments and transactional agencies', async ({
    client,
    assert,
  }) => {
    const { admin, hrA } = await strategyFixture()
    const all = await apiAs(client, await bearer(admin)).get('/api/v1/metrics/digital-leaders')
    all.assertStatus(200)
    assert.deepEqual(
      all
        .body()
        .data.organisations.map((row: any) => [
          row.name,
          row.inPlace,
          row.digitalLeader,
          row.state,
          row.reason,
        ]),
      [
        ['Agency A1', false, null, 'none_named', 'No Digital Leader named'],
        ['Department A', true, 'Alice Able', 'compliant', null],
        ['Department B', false, null, 'none_named', 'Digital Leader Rita Reed is deactivated'],
      ]
    )
    assert.include(all.body().data, { total: 3, inPlace: 1, share: 33.3 })

    const mine = await apiAs(client, await bearer(hrA)).get('/api/v1/metrics/digital-leaders')
    assert.include(mine.body().data, { total: 2, inPlace: 1, share: 50 })

    const csv = await client.get('/insights/digital-leaders.csv').loginAs(hrA)
    assert.deepEqual(csvRows(csv.text()), [
      ['Organisation', 'Type', 'Digital Leader in place', 'Digital Leader', 'Reason'],
      ['Agency A1', 'Executive agency', 'no', '', 'No Digital Leader named'],
      ['Department A', 'Ministerial department', 'yes', 'Alice Able', ''],
    ])
  })

  test('services over 100,000 transactions by their Service Manager’s standing', async ({
    client,
    assert,
  }) => {
    const { admin, hrA } = await strategyFixture()
    const all = await apiAs(client, await bearer(admin)).get('/api/v1/metrics/service-managers')
    all.assertStatus(200)
    const data = all.body().data
    assert.deepEqual(data.byStatus, {
      compliant: 1,
      training_booked: 1,
      not_trained: 1,
      none_named: 1,
    })
    assert.include(data, { total: 4, compliant: 1, share: 25 })
    assert.deepEqual(
      data.byOrganisation.map((row: any) => [
        row.name,
        row.total,
        row.compliant,
        row.training_booked,
        row.not_trained,
        row.none_named,
      ]),
      [
        ['Department A', 2, 1, 0, 0, 1],
        ['Department B', 2, 0, 1, 1, 0],
      ]
    )

    const mine = await apiAs(client, await bearer(hrA)).get('/api/v1/metrics/service-managers')
    assert.deepEqual(
      mine.body().data.byOrganisation.map((row: any) => [row.name, row.compliant, row.none_named]),
      [
        ['Department A (directly)', 1, 0],
        ['Agency A1', 0, 1],
      ]
    )

    const page = await client.get('/insights/workforce').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('Action 02: Service Managers')
    page.assertTextIncludes('Agency A1')
    assert.notInclude(page.text(), 'Department B')

    const csv = await client.get('/insights/service-managers.csv').loginAs(admin)
    assert.deepEqual(csvRows(csv.text()), [
      [
        'Organisation',
        'Services over the threshold',
        'Compliant',
        'Service Manager training booked',
        'Service Manager not trained',
        'No Service Manager named',
      ],
      ['Department A', '2', '1', '0', '0', '1'],
      ['Department B', '2', '0', '1', '1', '0'],
      ['Total', '4', '1', '1', '1', '1'],
    ])
  })
})
