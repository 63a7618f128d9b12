import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { capabilityFixture } from '#tests/support/fixtures/insights'
import { metricsFor } from '#tests/support/metrics'
import { csvRows } from '#tests/support/exports'

test.group('Dashboards: capability coverage', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin sees coverage for all of government by department and role family', async ({
    client,
    assert,
  }) => {
    const { admin } = await capabilityFixture()
    const { data, meta } = await metricsFor(client, admin, 'capability-coverage')
    // 8 people with a role level (Dora is deactivated): Alice, Beth, Carl and Rita meet everything.
    assert.deepEqual(data.total, { people: 8, meeting: 4, coverage: 50 })
    assert.deepEqual(
      data.byOrganisation.map((row: any) => [row.name, row.people, row.meeting, row.coverage]),
      [
        ['Department A', 5, 3, 60],
        ['Department B', 3, 1, 33.3],
      ]
    )
    assert.deepEqual(
      data.byRoleFamily.map((row: any) => [row.name, row.people, row.meeting, row.coverage]),
      [
        ['Leadership', 1, 1, 100],
        ['Product and delivery', 4, 1, 25],
        ['Technical', 3, 2, 66.7],
      ]
    )
    assert.isNull(meta.organisation)
  })

  test('department HR see their own tree, split into the department and its agency', async ({
    client,
    assert,
  }) => {
    const { hrA, a } = await capabilityFixture()
    const body = await metricsFor(client, hrA, 'capability-coverage')
    assert.deepEqual(body.meta.organisation, { id: a.id, name: 'Department A' })
    assert.deepEqual(body.data.total, { people: 5, meeting: 3, coverage: 60 })
    assert.deepEqual(
      body.data.byOrganisation.map((row: any) => [row.name, row.people, row.meeting, row.coverage]),
      [
        ['Department A (directly)', 2, 1, 50],
        ['Agency A1', 3, 2, 66.7],
      ]
    )
    assert.deepEqual(
      body.data.byRoleFamily.map((row: any) => [row.name, row.people, row.meeting]),
      [
        ['Leadership', 1, 1],
        ['Product and delivery', 2, 1],
        ['Technical', 2, 1],
      ]
    )
  })

  test('the page shows the figures in tables, and the CSV holds the same rows', async ({
    client,
    assert,
  }) => {
    const { hrA } = await capabilityFixture()
    const page = await client.get('/insights/capability').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('Coverage by organisation')
    page.assertTextIncludes('Department A (directly)')
    page.assertTextIncludes('66.7%')
    assert.include(page.text(), 'data-chart=')
    assert.notInclude(page.text(), 'Department B')

    const csv = await client.get('/insights/capability-coverage.csv').loginAs(hrA)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.deepEqual(csvRows(csv.text()), [
      ['Breakdown', 'Name', 'People', 'Meeting every requirement', 'Coverage (%)'],
      ['organisation', 'Department A (directly)', '2', '1', '50'],
      ['organisation', 'Agency A1', '3', '2', '66.7'],
      ['role family', 'Leadership', '1', '1', '100'],
      ['role family', 'Product and delivery', '2', '1', '50'],
      ['role family', 'Technical', '2', '1', '50'],
      ['total', 'Total', '5', '3', '60'],
    ])
  })
})

test.group('Dashboards: skill gaps', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the heat map counts people below the required level by role family and skill category', async ({
    client,
    assert,
  }) => {
    const { admin } = await capabilityFixture()
    const { data } = await metricsFor(client, admin, 'skill-gaps')
    assert.equal(data.rows, 'family')
    assert.deepEqual(data.categories, ['Product and delivery', 'Technical', 'User-centred design'])
    // Leadership needs no skill, so it has no line.
    assert.deepEqual(
      data.lines.map((line: any) => [
        line.name,
        data.categories.map((category: string) => [
          line.cells[category].below,
          line.cells[category].people,
        ]),
      ]),
      [
        // Agile: Adam and Sam below of 4; User focus: Adam, Quentin (validated 1) and Sam of 4.
        [
          'Product and delivery',
          [
            [2, 4],
            [0, 0],
            [3, 4],
          ],
        ],
        // Agile 2: Bob below of 3; Coding: nobody below (Bob's latest validation is 3).
        [
          'Technical',
          [
            [1, 3],
            [0, 3],
            [0, 0],
          ],
        ],
      ]
    )
    assert.equal(data.max, 3)
  })

  test('by organisation, HR see the department and its agency', async ({ client, assert }) => {
    const { hrA } = await capabilityFixture()
    const { data } = await metricsFor(client, hrA, 'skill-gaps?rows=organisation')
    assert.deepEqual(
      data.lines.map((line: any) => [
        line.name,
        data.categories.map((category: string) => line.cells[category].below),
      ]),
      [
        ['Department A (directly)', [1, 0, 1]],
        ['Agency A1', [1, 0, 0]],
      ]
    )

    const page = await client.get('/insights/capability?rows=organisation').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('People below the required level, by organisation and skill category')

    const csv = await client.get('/insights/skill-gaps.csv?rows=organisation').loginAs(hrA)
    csv.assertStatus(200)
    assert.deepEqual(csvRows(csv.text()).slice(0, 4), [
      [
        'Organisation',
        'Skill category',
        'People below the required level',
        'People assessed against the category',
      ],
      ['Department A (directly)', 'Product and delivery', '1', '2'],
      ['Department A (directly)', 'Technical', '0', '0'],
      ['Department A (directly)', 'User-centred design', '1', '2'],
    ])
  })
})
