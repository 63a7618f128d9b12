import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import cache from '@adonisjs/cache/services/main'
import { DateTime } from 'luxon'
import insightsConfig from '#config/insights'
import SkillAssessment from '#models/skill_assessment'
import Skill from '#models/skill'
import { capabilityFixture } from './fixtures.js'
import { bearer } from '#tests/support/api'

const settings = insightsConfig as { cacheSeconds: number }

test.group('Dashboards: figures kept for a while', (group) => {
  group.each.setup(async () => {
    const rollback = await testUtils.db().withGlobalTransaction()
    const before = settings.cacheSeconds
    settings.cacheSeconds = 300
    await cache.namespace('insights').clear()
    return async () => {
      settings.cacheSeconds = before
      await cache.namespace('insights').clear()
      await rollback()
    }
  })

  test('a panel counted once is served as kept until it is counted again, and the page says how old it may be', async ({
    client,
    assert,
  }) => {
    const { hrA, people } = await capabilityFixture()
    const token = await bearer(hrA)
    const first = await client
      .get('/api/v1/metrics/capability-coverage')
      .header('Authorization', token)
    first.assertStatus(200)
    assert.deepEqual(first.body().data.total, { people: 5, meeting: 3, coverage: 60 })

    // Adam's line manager validates him at both levels: he now meets his role level.
    for (const [name, level] of [
      ['Agile working', 3],
      ['User focus', 2],
    ] as const) {
      const skill = await Skill.findByOrFail('name', name)
      await SkillAssessment.create({
        userId: people.adam.id,
        skillId: skill.id,
        level,
        source: 'manager',
        status: 'validated',
        assessedAt: DateTime.now(),
      })
    }
    const kept = await client
      .get('/api/v1/metrics/capability-coverage')
      .header('Authorization', token)
    assert.deepEqual(kept.body().data.total, { people: 5, meeting: 3, coverage: 60 })

    const page = await client.get('/insights/capability').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('may be up to 5 minutes old')

    await cache.namespace('insights').clear()
    const counted = await client
      .get('/api/v1/metrics/capability-coverage')
      .header('Authorization', token)
    assert.deepEqual(counted.body().data.total, { people: 5, meeting: 4, coverage: 80 })
  })

  test('kept figures belong to one organisation: another department, or all of government, never gets them', async ({
    client,
    assert,
  }) => {
    const { hrA, hrB, admin, a } = await capabilityFixture()
    const forA = await client
      .get('/api/v1/metrics/capability-coverage')
      .header('Authorization', await bearer(hrA))
    assert.deepEqual(forA.body().data.total, { people: 5, meeting: 3, coverage: 60 })

    const forB = await client
      .get('/api/v1/metrics/capability-coverage')
      .header('Authorization', await bearer(hrB))
    assert.deepEqual(forB.body().data.total, { people: 3, meeting: 1, coverage: 33.3 })

    const adminToken = await bearer(admin)
    const all = await client
      .get('/api/v1/metrics/capability-coverage')
      .header('Authorization', adminToken)
    assert.deepEqual(all.body().data.total, { people: 8, meeting: 4, coverage: 50 })
    // The admin choosing department A shares A's kept figures: the same organisation, the same count.
    const chosen = await client
      .get('/api/v1/metrics/capability-coverage')
      .qs({ organisationId: a.id })
      .header('Authorization', adminToken)
    assert.deepEqual(chosen.body().data.total, { people: 5, meeting: 3, coverage: 60 })
  })
})
