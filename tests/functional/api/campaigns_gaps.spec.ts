import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { transportAndRevenue } from '#tests/support/fixtures/departments'
import { createRole } from '#database/factories/framework_factory'
import { bearer, apiAs } from '#tests/support/api'
import { createCampaign, createCapabilityGap } from '#database/factories/workforce_factory'

/* DfT with DVLA, and HMRC, each with its HR, and a filled campaign and an open gap in each. */
async function departmentsWithCampaignsAndGaps() {
  const { dft, dvla, hmrc, dftHr, hmrcHr } = await transportAndRevenue()
  const { role } = await createRole({
    role: 'Software developer',
    levels: [{ name: 'Developer', needs: { Programming: 2 } }],
  })
  for (const [organisation, title] of [
    [dvla, 'Agency developers'],
    [dft, 'Department developers'],
    [hmrc, 'Revenue developers'],
  ] as const) {
    await createCampaign(organisation, role, {
      title,
      posts: 3,
      stage: 'filled',
      hires: 2,
      advertisedOn: DateTime.fromISO('2026-01-10'),
      closedOn: DateTime.fromISO('2026-02-09'),
    })
    await createCapabilityGap(organisation, 'headcount', `${title} short`, {
      roleProfileId: role.id,
      severity: 'high',
    })
  }
  return { dft, dvla, hmrc, dftHr, hmrcHr }
}

test.group('API: organisation campaigns and gaps', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an organisation’s campaigns include its subtree, with time to hire and paging', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr } = await departmentsWithCampaignsAndGaps()
    const auth = await bearer(dftHr)
    const response = await client
      .get(`/api/v1/organisations/${dft.id}/campaigns`)
      .qs({ perPage: 1 })
      .header('Authorization', auth)
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(body.meta, { total: 2, page: 1, perPage: 1, lastPage: 2 })
    const all = await apiAs(client, auth).get(`/api/v1/organisations/${dft.id}/campaigns`)
    const titles = all
      .body()
      .data.map((row: { title: string }) => row.title)
      .sort()
    assert.deepEqual(titles, ['Agency developers', 'Department developers'])
    assert.equal(all.body().data[0].timeToHireDays, 30)
    assert.equal(all.body().data[0].dates.advertised, '2026-01-10')
  })

  test('an organisation’s gaps include its subtree and follow the filters', async ({
    client,
    assert,
  }) => {
    const { dft, dvla, dftHr } = await departmentsWithCampaignsAndGaps()
    const auth = await bearer(dftHr)
    const response = await apiAs(client, auth).get(`/api/v1/organisations/${dft.id}/gaps`)
    response.assertStatus(200)
    assert.equal(response.body().meta.total, 2)
    const agency = await apiAs(client, auth).get(`/api/v1/organisations/${dvla.id}/gaps`)
    assert.deepEqual(
      agency.body().data.map((row: { title: string }) => row.title),
      ['Agency developers short']
    )
    const closed = await client
      .get(`/api/v1/organisations/${dft.id}/gaps`)
      .qs({ status: 'closed' })
      .header('Authorization', auth)
    assert.equal(closed.body().meta.total, 0)
  })

  test('another department’s HR get 404 and learners 403', async ({ client }) => {
    const { dft, hmrcHr } = await departmentsWithCampaignsAndGaps()
    const auth = await bearer(hmrcHr)
    for (const path of ['campaigns', 'gaps']) {
      const response = await apiAs(client, auth).get(`/api/v1/organisations/${dft.id}/${path}`)
      response.assertStatus(404)
      response.assertHeader('content-type', 'application/problem+json; charset=utf-8')
    }
    const learner = await bearer(await createUser({ organisation: dft }))
    const refused = await apiAs(client, learner).get(`/api/v1/organisations/${dft.id}/gaps`)
    refused.assertStatus(403)
  })
})
