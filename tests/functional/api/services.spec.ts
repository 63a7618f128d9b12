import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import {
  createAudience,
  createCompletion,
  createCourse,
} from '#database/factories/learning_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { bearer, apiAs, assertApiAnswers } from '#tests/support/api'
import Organisation from '#models/organisation'
import { compliantDigitalLeader } from '#tests/support/digital_leaders'
import { createService } from '#database/factories/workforce_factory'

async function setUp() {
  const { role } = await createRole({ role: 'Service Manager', levels: [] })
  const programme = await createCourse({ title: 'Service Manager programme' })
  await createAudience(programme, role, 'mandatory')
  const {
    departmentA: dft,
    agencyA: dvla,
    departmentB: hmrc,
    hrA: dftHr,
  } = await twoDepartments({ departmentA: { isTransactional: true }, learners: true })
  const admin = await createUser({ roles: ['capability_admin', 'learner'], organisation: hmrc })
  const trained = await createUser({ organisation: dvla })
  await createCompletion(trained, programme, { completedOn: DateTime.now() })
  const make = (
    organisation: Organisation,
    name: string,
    transactions: number,
    managerId: number | null
  ) =>
    createService(organisation, name, {
      annualTransactions: transactions,
      phase: 'beta',
      serviceManagerId: managerId,
    })
  await make(dvla, 'Tax your vehicle', 40_000_000, trained.id)
  await make(dvla, 'Renew your driving licence', 6_000_000, null)
  await make(dft, 'Small grants', 5_000, null)
  await make(hmrc, 'Self Assessment', 10_000_000, null)
  return { dft, dvla, hmrc, dftHr, admin, trained }
}

test.group('API: services and compliance', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the services in the caller’s tree with each one’s compliance', async ({
    assert,
    client,
  }) => {
    const { dftHr } = await setUp()
    const response = await apiAs(client, await bearer(dftHr)).get('/api/v1/services')
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(body.meta, { total: 3, page: 1, perPage: 25, lastPage: 1 })
    const byName = Object.fromEntries(body.data.map((row: any) => [row.name, row.compliance]))
    assert.deepEqual(byName, {
      'Tax your vehicle': { required: true, compliant: true, reason: null },
      'Renew your driving licence': { required: true, compliant: false, reason: 'none_named' },
      'Small grants': { required: false, compliant: true, reason: null },
    })
  })

  test('filters by threshold, compliance and organisation', async ({ assert, client }) => {
    const { dvla, dft, admin } = await setUp()
    const auth = await bearer(admin)
    const failing = await client
      .get('/api/v1/services')
      .qs({ overThreshold: 'true', compliant: 'false' })
      .header('Authorization', auth)
    assert.sameMembers(
      failing.body().data.map((row: any) => row.name),
      ['Renew your driving licence', 'Self Assessment']
    )
    const tree = await client
      .get('/api/v1/services')
      .qs({ organisation: dft.id })
      .header('Authorization', auth)
    assert.equal(tree.body().meta.total, 3)
    const agency = await client
      .get('/api/v1/services')
      .qs({ organisation: dvla.id })
      .header('Authorization', auth)
    assert.equal(agency.body().meta.total, 2)
  })

  test('lists Digital Leader compliance for the caller’s scope only', async ({
    assert,
    client,
  }) => {
    const { dft, dvla, hmrc, dftHr, admin, trained } = await setUp()
    await compliantDigitalLeader(dft, trained)
    // A Fast Stream HEO named for HMRC's board does not meet action 01.
    const junior = await createUser({ organisation: hmrc, overrides: { grade: 'HEO' } })
    await Organisation.query()
      .where('id', hmrc.id)
      .update({ digitalLeaderId: junior.id, digitalLeaderOnBoard: true })
    const response = await apiAs(client, await bearer(dftHr)).get(
      '/api/v1/compliance/digital-leaders'
    )
    response.assertStatus(200)
    assert.deepEqual(response.body().data, [
      {
        organisation: { id: dft.id, name: dft.name, type: 'ministerial_department' },
        digitalLeader: { id: trained.id, name: trained.fullName },
        compliant: true,
        state: 'compliant',
        reason: null,
      },
      {
        organisation: { id: dvla.id, name: dvla.name, type: 'agency' },
        digitalLeader: null,
        compliant: false,
        state: 'none_named',
        reason: 'No Digital Leader named',
      },
    ])
    const everything = await apiAs(client, await bearer(admin)).get(
      '/api/v1/compliance/digital-leaders'
    )
    assert.include(
      everything.body().data.map((row: any) => row.organisation.id),
      hmrc.id
    )
    assert.deepInclude(everything.body().data, {
      organisation: { id: hmrc.id, name: hmrc.name, type: 'ministerial_department' },
      digitalLeader: { id: junior.id, name: junior.fullName },
      compliant: false,
      state: 'not_scs',
      reason: 'Digital Leader is not in the Senior Civil Service',
    })
  })

  test('each service carries the warnings about its Service Manager', async ({
    assert,
    client,
  }) => {
    const { dftHr, trained } = await setUp()
    const response = await apiAs(client, await bearer(dftHr)).get('/api/v1/services')
    response.assertStatus(200)
    const warnings = Object.fromEntries(
      response.body().data.map((row: any) => [row.name, row.warnings])
    )
    assert.equal(trained.grade, 'HEO')
    assert.deepEqual(warnings, {
      'Tax your vehicle': [
        {
          kind: 'grade_below',
          message:
            'Service Manager is HEO: a service of over 1 million transactions a year needs G6 or above',
        },
      ],
      'Renew your driving licence': [],
      'Small grants': [],
    })
  })

  test('learners are refused with 403', async ({ client }) => {
    const learner = await createUser()
    const auth = await bearer(learner)
    await assertApiAnswers(
      client,
      auth,
      ['/api/v1/services', '/api/v1/compliance/digital-leaders'],
      403
    )
  })
})
