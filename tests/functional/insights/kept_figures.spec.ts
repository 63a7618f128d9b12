import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import insightsConfig from '#config/insights'
import { forgetKeptFigures, loadPanel } from '#queries/insights/panel_cache'
import { PANELS } from '#queries/insights/panels'
import { periodOf } from '#queries/insights/period'
import Skill from '#models/skill'
import { capabilityFixture } from '#tests/support/fixtures/insights'
import { bearer, apiAs } from '#tests/support/api'
import { createAssessment } from '#database/factories/capability_factory'

const settings = insightsConfig as { cacheSeconds: number }

test.group('Dashboards: figures kept for a while', (group) => {
  group.each.setup(async () => {
    const rollback = await testUtils.db().withGlobalTransaction()
    const before = settings.cacheSeconds
    settings.cacheSeconds = 300
    await forgetKeptFigures()
    return async () => {
      settings.cacheSeconds = before
      await forgetKeptFigures()
      await rollback()
    }
  })

  test('a panel counted once is served as kept until it is counted again, and the page says how old it may be', async ({
    client,
    assert,
  }) => {
    const { hrA, people } = await capabilityFixture()
    const token = await bearer(hrA)
    const first = await apiAs(client, token).get('/api/v1/metrics/capability-coverage')
    first.assertStatus(200)
    assert.deepEqual(first.body().data.total, { people: 5, meeting: 3, coverage: 60 })

    // Adam's line manager validates him at both levels: he now meets his role level.
    for (const [name, level] of [
      ['Agile working', 3],
      ['User focus', 2],
    ] as const) {
      const skill = await Skill.findByOrFail('name', name)
      await createAssessment(people.adam, skill, level, { source: 'manager' })
    }
    const kept = await apiAs(client, token).get('/api/v1/metrics/capability-coverage')
    assert.deepEqual(kept.body().data.total, { people: 5, meeting: 3, coverage: 60 })

    const page = await client.get('/insights/capability').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('may be up to 10 minutes old')

    await forgetKeptFigures()
    const counted = await apiAs(client, token).get('/api/v1/metrics/capability-coverage')
    assert.deepEqual(counted.body().data.total, { people: 5, meeting: 4, coverage: 80 })
  })

  test('kept figures belong to one organisation: another department, or all of government, never gets them', async ({
    client,
    assert,
  }) => {
    const { hrA, hrB, admin, a } = await capabilityFixture()
    const forA = await apiAs(client, await bearer(hrA)).get('/api/v1/metrics/capability-coverage')
    assert.deepEqual(forA.body().data.total, { people: 5, meeting: 3, coverage: 60 })

    const forB = await apiAs(client, await bearer(hrB)).get('/api/v1/metrics/capability-coverage')
    assert.deepEqual(forB.body().data.total, { people: 3, meeting: 1, coverage: 33.3 })

    const adminToken = await bearer(admin)
    const all = await apiAs(client, adminToken).get('/api/v1/metrics/capability-coverage')
    assert.deepEqual(all.body().data.total, { people: 8, meeting: 4, coverage: 50 })
    // The admin choosing department A shares A's kept figures: the same organisation, the same count.
    const chosen = await client
      .get('/api/v1/metrics/capability-coverage')
      .qs({ organisationId: a.id })
      .header('Authorization', adminToken)
    assert.deepEqual(chosen.body().data.total, { people: 5, meeting: 3, coverage: 60 })
  })

  test('people asking for the same figures at the same time wait for one count between them', async ({
    assert,
  }) => {
    await capabilityFixture()
    const filters = {
      selected: null,
      period: periodOf(2025),
      rows: 'family' as const,
      roundId: null,
    }
    const definition = PANELS['capability-coverage']
    const load = definition.load
    let counts = 0
    definition.load = async (given) => {
      counts += 1
      return load(given)
    }
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => loadPanel('capability-coverage', filters))
      )
      assert.equal(counts, 1)
      for (const answer of answers) assert.deepEqual(answer.total, answers[0].total)
      await loadPanel('capability-coverage', filters)
      assert.equal(counts, 1)
    } finally {
      definition.load = load
    }
  })
})
