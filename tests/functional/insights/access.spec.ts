import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { capabilityFixture, organisations } from '#tests/support/fixtures/insights'
import { bearer, apiAs } from '#tests/support/api'
import { PANEL_KEYS } from '#queries/insights/panel_keys'

const PAGES = [
  '/insights',
  '/insights/capability',
  '/insights/workforce',
  '/insights/learning',
  '/insights/fast-stream',
]

test.group('Dashboards: who may see what', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner is refused every page, CSV and metrics route', async ({ client }) => {
    const { learner } = await organisations()
    for (const path of PAGES) {
      const response = await client.get(path).loginAs(learner)
      response.assertStatus(403)
    }
    const auth = await bearer(learner)
    for (const key of PANEL_KEYS) {
      const csv = await client.get(`/insights/${key}.csv`).loginAs(learner)
      csv.assertStatus(403)
      const api = await apiAs(client, auth).get(`/api/v1/metrics/${key}`)
      api.assertStatus(403)
    }
  })

  test('signing in is needed for the pages, and a bearer token for the API', async ({ client }) => {
    const page = await client.get('/insights/capability').redirects(0)
    page.assertStatus(302)
    const api = await client.get('/api/v1/metrics/headcount')
    api.assertStatus(401)
  })

  test('every page and every panel answers HR and capability admins', async ({
    client,
    assert,
  }) => {
    const { hrA, admin } = await capabilityFixture()
    for (const user of [hrA, admin]) {
      for (const path of PAGES) {
        const response = await client.get(path).loginAs(user)
        response.assertStatus(200)
        assert.include(response.text(), 'resources/js/insights.js')
      }
      const auth = await bearer(user)
      for (const key of PANEL_KEYS) {
        const api = await apiAs(client, auth).get(`/api/v1/metrics/${key}`)
        api.assertStatus(200)
        assert.equal(api.body().meta.panel, key)
        const csv = await client.get(`/insights/${key}.csv`).loginAs(user)
        csv.assertStatus(200)
        assert.match(
          String(csv.header('content-disposition')),
          new RegExp(`attachment; filename="${key}-.+\\.csv"`)
        )
      }
    }
  })

  test('HR of one department never see another department’s numbers', async ({
    client,
    assert,
  }) => {
    const { a, b, hrB } = await capabilityFixture()
    const auth = await bearer(hrB)
    for (const path of PAGES) {
      const response = await client.get(path).loginAs(hrB)
      response.assertStatus(200)
      assert.notInclude(response.text(), 'Department A')
      assert.notInclude(response.text(), 'Agency A1')
    }
    const coverage = await apiAs(client, auth).get('/api/v1/metrics/capability-coverage')
    assert.deepEqual(coverage.body().meta.organisation, { id: b.id, name: 'Department B' })
    assert.deepEqual(coverage.body().data.total, { people: 3, meeting: 1, coverage: 33.3 })
    assert.deepEqual(
      coverage.body().data.byOrganisation.map((row: any) => row.name),
      ['Department B (directly)']
    )
    const csv = await client.get('/insights/capability-coverage.csv').loginAs(hrB)
    assert.notInclude(csv.text(), 'Department A')

    // Asking for department A outright is answered as if it did not exist.
    const page = await client.get(`/insights/capability?organisationId=${a.id}`).loginAs(hrB)
    page.assertStatus(404)
    const file = await client.get(`/insights/headcount.csv?organisationId=${a.id}`).loginAs(hrB)
    file.assertStatus(404)
    for (const key of PANEL_KEYS) {
      const api = await apiAs(client, auth).get(`/api/v1/metrics/${key}?organisationId=${a.id}`)
      api.assertStatus(404)
      assert.equal(api.body().status, 404)
    }
  })

  test('a capability admin can narrow all of government to one department or agency', async ({
    client,
    assert,
  }) => {
    const { a1, admin } = await capabilityFixture()
    const response = await apiAs(client, await bearer(admin)).get(
      `/api/v1/metrics/capability-coverage?organisationId=${a1.id}`
    )
    response.assertStatus(200)
    assert.deepEqual(response.body().data.total, { people: 3, meeting: 2, coverage: 66.7 })

    const page = await client.get(`/insights/capability?organisationId=${a1.id}`).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Agency A1 and the organisations under it')
    const all = await client.get('/insights/capability').loginAs(admin)
    all.assertTextIncludes('All of government')
  })
})

test.group('Dashboards: filters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the API answers 422 with the problem in each parameter', async ({ client, assert }) => {
    const { admin } = await organisations()
    const response = await apiAs(client, await bearer(admin)).get(
      '/api/v1/metrics/training?year=twenty&quarter=5&organisationId=-3&rows=people'
    )
    response.assertStatus(422)
    assert.equal(response.header('content-type'), 'application/problem+json; charset=utf-8')
    const errors = Object.fromEntries(
      response.body().errors.map((error: any) => [error.field, error.message])
    )
    assert.deepEqual(errors, {
      organisationId: 'Select an organisation from the list',
      year: 'Financial year must be a year from 2010 to 2100, like 2025 for 2025–26',
      quarter: 'Quarter must be 1, 2, 3 or 4',
      rows: 'Show the heat map by role family or by organisation',
    })
  })

  test('a page with a wrong filter says what is wrong above the heading and shows no figures', async ({
    client,
    assert,
  }) => {
    const { admin } = await organisations()
    const response = await client.get('/insights/learning?quarter=9').loginAs(admin)
    response.assertStatus(422)
    response.assertTextIncludes('There is a problem')
    response.assertTextIncludes('Quarter must be 1, 2, 3 or 4')
    assert.include(response.text(), '<title>Error: Learning dashboard')
    assert.notInclude(response.text(), 'Enrolments by status')
  })

  test('blank filters mean the defaults, and the chosen filters stay in the page’s links', async ({
    client,
    assert,
  }) => {
    const { a, hrA } = await organisations()
    const response = await client
      .get('/insights/learning?organisationId=&year=2024&quarter=')
      .loginAs(hrA)
    response.assertStatus(200)
    response.assertTextIncludes('2024–25')
    assert.include(response.text(), `/insights/training.csv?organisationId=${a.id}&amp;year=2024`)
    assert.include(response.text(), `/insights/capability?organisationId=${a.id}&amp;year=2024`)
  })
})
