import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { learningFixture } from '#tests/support/fixtures/insights'
import { bearer, apiAs } from '#tests/support/api'
import { metricsFor } from '#tests/support/metrics'
import { csvRows } from '#tests/support/exports'

const byStatus = (data: any) =>
  Object.fromEntries(data.byStatus.map((row: any) => [row.status, row.enrolments]))

test.group('Dashboards: training', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR see their people’s enrolments by status, rates and spend for the financial year', async ({
    client,
    assert,
  }) => {
    const { hrA } = await learningFixture()
    const { data } = await metricsFor(client, hrA, 'training?year=2025')
    assert.deepEqual(byStatus(data), {
      requested: 0,
      booked: 1,
      waitlisted: 2,
      attended: 1,
      no_show: 1,
      completed: 2,
      declined: 0,
      cancelled: 2,
    })
    assert.include(data, {
      enrolments: 9,
      attendanceKnown: 4,
      completionRate: 50,
      noShowRate: 25,
      // Seats taken: X (£450) by Alice, Adam and Bob; Y (£100) by Alice and Bob.
      spendPence: 155000,
    })
  })

  test('a capability admin counts everyone, and a quarter narrows to its sessions', async ({
    client,
    assert,
  }) => {
    const { admin, hrA } = await learningFixture()
    const all = await apiAs(client, await bearer(admin)).get('/api/v1/metrics/training?year=2025')
    assert.include(all.body().data, { enrolments: 12, spendPence: 200000 })
    assert.include(byStatus(all.body().data), { booked: 2, waitlisted: 4 })

    const quarter = await apiAs(client, await bearer(hrA)).get(
      '/api/v1/metrics/training?year=2025&quarter=1'
    )
    assert.deepEqual(quarter.body().meta.period, {
      year: 2025,
      quarter: 1,
      label: 'Q1 2025–26 (April to June 2025)',
      start: '2025-04-01',
      end: '2025-06-30',
    })
    assert.deepEqual(byStatus(quarter.body().data), {
      requested: 0,
      booked: 0,
      waitlisted: 1,
      attended: 1,
      no_show: 1,
      completed: 1,
      declined: 0,
      cancelled: 1,
    })

    const csv = await client.get('/insights/training.csv?year=2025').loginAs(hrA)
    csv.assertStatus(200)
    const rows = csvRows(csv.text())
    assert.deepEqual(rows[0], ['Measure', 'Value'])
    assert.deepInclude(rows, ['enrolments: Completed', '2'])
    assert.deepInclude(rows, ['completion rate (%)', '50'])
    assert.deepInclude(rows, ['spend (£)', '1550.00'])
  })
})

test.group('Dashboards: session fill and waiting lists', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('session fill counts every seat on the period’s sessions, leaving cancelled sessions out', async ({
    client,
    assert,
  }) => {
    const { hrA } = await learningFixture()
    const { data } = await metricsFor(client, hrA, 'session-fill?year=2025')
    assert.deepEqual(data.total, { sessions: 2, places: 7, taken: 6, fillRate: 85.7 })
    assert.deepEqual(
      data.courses.map((row: any) => [
        row.title,
        row.sessions,
        row.places,
        row.taken,
        row.fillRate,
      ]),
      [
        ['Course X', 1, 4, 4, 100],
        ['Course Y', 1, 3, 2, 66.7],
      ]
    )
  })

  test('waiting lists count only the organisation’s own learners', async ({ client, assert }) => {
    const { hrA, hrB, admin } = await learningFixture()
    const lists = async (user: any) => {
      const { data } = await metricsFor(client, user, 'waiting-lists?year=2025')
      return [
        data.waitlisted,
        data.courses.map((row: any) => [row.title, row.waitlisted, row.sessions]),
      ]
    }
    assert.deepEqual(await lists(hrA), [
      2,
      [
        ['Course X', 1, 1],
        ['Course Y', 1, 1],
      ],
    ])
    assert.deepEqual(await lists(hrB), [
      2,
      [
        ['Course X', 1, 1],
        ['Course Y', 1, 1],
      ],
    ])
    assert.deepEqual(await lists(admin), [
      4,
      [
        ['Course X', 2, 1],
        ['Course Y', 2, 1],
      ],
    ])

    const page = await client.get('/insights/learning?year=2025').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('Learners waiting by course')
    page.assertTextIncludes('£1,550.00')
    page.assertTextIncludes('85.7%')

    const csv = await client.get('/insights/waiting-lists.csv?year=2025').loginAs(admin)
    const rows = csvRows(csv.text())
    assert.deepEqual(rows[0], [
      'Course code',
      'Course',
      'Learners waiting',
      'Sessions with a waiting list',
    ])
    assert.deepEqual(
      rows.slice(1).map((row) => row.slice(1)),
      [
        ['Course X', '2', '1'],
        ['Course Y', '2', '1'],
      ]
    )
  })
})
