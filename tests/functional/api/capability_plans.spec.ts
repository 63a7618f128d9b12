import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { bearer, apiAs, assertApiAnswers } from '#tests/support/api'
import { createRoleAssignment } from '#database/factories/capability_factory'
import { createCapabilityPlan, createPlanLine } from '#database/factories/workforce_factory'

async function setting() {
  const {
    departmentA: dft,
    agencyA: dvla,
    departmentB: hmrc,
    hrA: dftHr,
    hrB: hmrcHr,
  } = await twoDepartments({ hrB: {} })
  const learner = await createUser({ roles: ['learner'], organisation: dft })
  const { role, levels } = await createRole({
    role: 'Product manager',
    levels: [{ name: 'Product manager', needs: { 'Agile working': 3 } }],
  })
  for (const organisation of [dft, dvla, hmrc]) {
    const person = await createUser({ organisation })
    await createRoleAssignment(person, levels[0])
  }
  const plan = await createCapabilityPlan(dft, 2013)
  await createPlanLine(plan, role, { postsNeeded: 5, plannedToRecruit: 2, plannedToTrain: 1 })
  return { dft, hmrc, dftHr, hmrcHr, learner, role, plan }
}

test.group('API: capability plans', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an organisation’s plans list in the envelope with a link to each', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr, plan } = await setting()
    const response = await apiAs(client, await bearer(dftHr)).get(
      `/api/v1/organisations/${dft.id}/capability-plans`
    )
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(body.meta, { total: 1, page: 1, perPage: 25, lastPage: 1 })
    assert.deepEqual(body.data[0], {
      id: plan.id,
      financialYear: '2013–14',
      status: 'draft',
      links: { self: `/api/v1/capability-plans/${plan.id}` },
    })
  })

  test('a plan shows its lines with in post counted across the tree, vacancies and totals', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr, role, plan } = await setting()
    const response = await apiAs(client, await bearer(dftHr)).get(
      `/api/v1/capability-plans/${plan.id}`
    )
    response.assertStatus(200)
    const { data } = response.body()
    assert.equal(data.financialYear, '2013–14')
    assert.deepEqual(data.organisation, { id: dft.id, name: 'Department for Transport' })
    assert.deepInclude(data.lines[0], {
      roleProfile: { id: role.id, name: 'Product manager' },
      postsNeeded: 5,
      inPost: 2,
      inPostComputed: 2,
      inPostOverridden: false,
      vacancies: 3,
      plannedToRecruit: 2,
      plannedToTrain: 1,
    })
    assert.deepInclude(data.totals, { postsNeeded: 5, inPost: 2, vacancies: 3 })
  })

  test('HR of another department get 404 and learners 403', async ({ client }) => {
    const { dft, hmrcHr, learner, plan } = await setting()
    const other = await bearer(hmrcHr)
    await assertApiAnswers(
      client,
      other,
      [`/api/v1/organisations/${dft.id}/capability-plans`, `/api/v1/capability-plans/${plan.id}`],
      404
    )
    const refused = await apiAs(client, await bearer(learner)).get(
      `/api/v1/capability-plans/${plan.id}`
    )
    refused.assertStatus(403)
  })
})
