import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { fastStreamFixture } from '#tests/support/fixtures/insights'
import { bearer, apiAs } from '#tests/support/api'
import { metricsFor } from '#tests/support/metrics'
import { csvRows } from '#tests/support/exports'

const headline = (data: any) => ({
  round: data.round.name,
  placements: data.placements,
  placesOffered: data.placesOffered,
  placesFilled: data.placesFilled,
  fillRate: data.fillRate,
  matched: data.matched,
  firstChoice: data.firstChoice,
  firstChoiceRate: data.firstChoiceRate,
  digitalRule: data.digitalRule,
})

test.group('Dashboards: Fast Stream', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the latest published round across government', async ({ client, assert }) => {
    const { admin } = await fastStreamFixture()
    const { data } = await metricsFor(client, admin, 'fast-stream')
    assert.deepEqual(headline(data), {
      round: 'Latest round',
      placements: 3,
      placesOffered: 6,
      placesFilled: 4,
      fillRate: 66.7,
      matched: 4,
      firstChoice: 3,
      firstChoiceRate: 75,
      digitalRule: { met: 0, onTrack: 1, atRisk: 0, missed: 0 },
    })
    assert.deepEqual(
      data.byOrganisation.map((row: any) => [row.name, row.offered, row.filled]),
      [
        ['Department A', 3, 3],
        ['Department B', 3, 1],
      ]
    )
  })

  test('HR see only the placements offered in their tree and the entrants matched to them', async ({
    client,
    assert,
  }) => {
    const { hrA } = await fastStreamFixture()
    const { data } = await metricsFor(client, hrA, 'fast-stream')
    assert.deepEqual(headline(data), {
      round: 'Latest round',
      placements: 2,
      placesOffered: 3,
      placesFilled: 3,
      fillRate: 100,
      matched: 3,
      firstChoice: 2,
      firstChoiceRate: 66.7,
      digitalRule: { met: 0, onTrack: 1, atRisk: 0, missed: 0 },
    })
    assert.deepEqual(
      data.byOrganisation.map((row: any) => [row.name, row.offered, row.filled]),
      [
        ['Department A (directly)', 2, 2],
        ['Agency A1', 1, 1],
      ]
    )

    const page = await client.get('/insights/fast-stream').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('Placement round: Latest round')
    assert.notInclude(page.text(), 'Department B')
  })

  test('an earlier published round can be chosen; a round that is not published is not found', async ({
    client,
    assert,
  }) => {
    const { admin, older } = await fastStreamFixture()
    const auth = await bearer(admin)
    const response = await apiAs(client, auth).get(
      `/api/v1/metrics/fast-stream?roundId=${older.id}`
    )
    response.assertStatus(200)
    assert.include(headline(response.body().data), {
      round: 'Older round',
      placesOffered: 1,
      placesFilled: 1,
      firstChoice: 0,
      firstChoiceRate: 0,
    })

    const csv = await client.get(`/insights/fast-stream.csv?roundId=${older.id}`).loginAs(admin)
    csv.assertStatus(200)
    const rows = csvRows(csv.text())
    assert.deepInclude(rows, ['round', 'Older round'])
    assert.deepInclude(rows, ['places filled', '1'])

    const missing = await apiAs(client, auth).get('/api/v1/metrics/fast-stream?roundId=999999')
    missing.assertStatus(404)
  })
})
