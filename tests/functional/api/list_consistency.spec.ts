import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createRound } from '#database/factories/fast_stream_factory'
import { createCourse, createEnrolment, createSession } from '#database/factories/learning_factory'
import { bearer } from '#tests/support/api'
import { openApiDocument } from '../../../app/openapi/document.js'
import type { Schema } from '../../../app/openapi/types.js'
import { financialYearOf } from '#queries/insights/period'
import { createCapabilityPlan, createService } from '#database/factories/workforce_factory'

/* A department with its HR, another department, a capability admin and an open round. */
async function setUp() {
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
  const admin = await createUser({ roles: ['capability_admin', 'learner'], organisation: dft })
  const dftHr = await createUser({ roles: ['department_hr', 'learner'], organisation: dft })
  const round = await createRound()
  return { dft, hmrc, admin, dftHr, round }
}

/* Every paged list of the API, as the document names it and as a request reaches it. */
function pagedLists(ids: { organisation: number; round: number }) {
  return {
    '/role-profiles': '/api/v1/role-profiles',
    '/skills': '/api/v1/skills',
    '/courses': '/api/v1/courses',
    '/me/enrolments': '/api/v1/me/enrolments',
    '/me/self-paced-enrolments': '/api/v1/me/self-paced-enrolments',
    '/me/certificates': '/api/v1/me/certificates',
    '/organisations/{id}/capability-plans': `/api/v1/organisations/${ids.organisation}/capability-plans`,
    '/organisations/{id}/campaigns': `/api/v1/organisations/${ids.organisation}/campaigns`,
    '/organisations/{id}/gaps': `/api/v1/organisations/${ids.organisation}/gaps`,
    '/services': '/api/v1/services',
    '/rounds/{id}/placements': `/api/v1/rounds/${ids.round}/placements`,
    '/rounds/{id}/matches': `/api/v1/rounds/${ids.round}/matches`,
  } as Record<string, string>
}

/*
 * Whether a documented answer is a page of a list: its data is a list and
 * its meta carries total, page, perPage and lastPage. (A requirement's
 * compliance pages its people inside an object: not a list of its own.)
 */
function isPage(schema: Schema | undefined) {
  if (schema?.properties?.data?.type !== 'array') return false
  const meta = schema?.properties?.meta
  if (!meta) return false
  if (meta.$ref === '#/components/schemas/ListMeta') return true
  return ['total', 'page', 'perPage', 'lastPage'].every((key) => meta.properties?.[key])
}

/* The field names a 422 problem lists. */
const fieldsOf = (body: any) => (body.errors ?? []).map((error: any) => error.field)

test.group('API: every list pages, filters and fails alike', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the lists checked here are every paged list the document describes', ({ assert }) => {
    const document = openApiDocument()
    const documented = Object.entries(document.paths)
      .filter(([, item]) => {
        const answer = item.get?.responses?.['200'] as
          { content?: Record<string, { schema: Schema }> } | undefined
        return isPage(answer?.content?.['application/json']?.schema)
      })
      .map(([path]) => path)
    assert.sameMembers(documented, Object.keys(pagedLists({ organisation: 1, round: 1 })))
  })

  test('bad paging answers 422 naming the field, on every list', async ({ client, assert }) => {
    const { dft, admin, round } = await setUp()
    const auth = await bearer(admin)
    const cases: Array<[Record<string, string>, string]> = [
      [{ perPage: '0' }, 'perPage'],
      [{ perPage: '101' }, 'perPage'],
      [{ perPage: '2.5' }, 'perPage'],
      [{ page: '0' }, 'page'],
      [{ page: 'two' }, 'page'],
    ]
    for (const url of Object.values(pagedLists({ organisation: dft.id, round: round.id }))) {
      for (const [qs, field] of cases) {
        const response = await client.get(url).qs(qs).header('Authorization', auth)
        assert.equal(response.status(), 422, `${url} ${JSON.stringify(qs)}`)
        assert.equal(
          response.header('content-type'),
          'application/problem+json; charset=utf-8',
          url
        )
        assert.deepEqual(fieldsOf(response.body()), [field], `${url} ${JSON.stringify(qs)}`)
      }
    }
  })

  test('every list answers the same envelope, with the page asked for', async ({
    client,
    assert,
  }) => {
    const { dft, admin, round } = await setUp()
    const auth = await bearer(admin)
    for (const url of Object.values(pagedLists({ organisation: dft.id, round: round.id }))) {
      const response = await client
        .get(url)
        .qs({ page: '3', perPage: '1' })
        .header('Authorization', auth)
      assert.equal(response.status(), 200, url)
      const { data, meta } = response.body()
      assert.isArray(data, url)
      assert.includeMembers(Object.keys(meta), ['total', 'page', 'perPage', 'lastPage'], url)
      assert.equal(meta.page, 3, url)
      assert.equal(meta.perPage, 1, url)
      assert.equal(meta.lastPage, Math.max(1, meta.total), url)
      assert.lengthOf(data, meta.total >= 3 ? 1 : 0, url)
    }
  })

  test('capability plans page as asked, and a page past the end is empty', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr } = await setUp()
    for (const year of [2013, 2014, 2015]) {
      await createCapabilityPlan(dft, year)
    }
    const auth = await bearer(dftHr)
    const second = await client
      .get(`/api/v1/organisations/${dft.id}/capability-plans`)
      .qs({ page: 2, perPage: 2 })
      .header('Authorization', auth)
    second.assertStatus(200)
    assert.deepEqual(second.body().meta, { total: 3, page: 2, perPage: 2, lastPage: 2 })
    assert.deepEqual(
      second.body().data.map((plan: any) => plan.financialYear),
      ['2013–14']
    )
    const beyond = await client
      .get(`/api/v1/organisations/${dft.id}/capability-plans`)
      .qs({ page: 5, perPage: 2 })
      .header('Authorization', auth)
    assert.deepEqual(beyond.body().data, [])
    assert.deepEqual(beyond.body().meta, { total: 3, page: 5, perPage: 2, lastPage: 2 })
  })

  test('services: an unknown filter value answers 422 naming the field', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await setUp()
    const auth = await bearer(dftHr)
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { overThreshold: 'maybe' },
        'overThreshold',
        'overThreshold must be one of yes, no, true, false, 1, 0',
      ],
      [
        { compliant: 'perhaps' },
        'compliant',
        'compliant must be one of yes, no, true, false, 1, 0',
      ],
      [{ phase: 'nonsense' }, 'phase', 'phase must be one of discovery, alpha, beta, live'],
      [{ organisation: 'dft' }, 'organisation', 'organisation must be the id of an organisation'],
      [{ organisation: '-4' }, 'organisation', 'organisation must be the id of an organisation'],
    ]
    for (const [qs, field, message] of cases) {
      const response = await client.get('/api/v1/services').qs(qs).header('Authorization', auth)
      response.assertStatus(422)
      assert.deepEqual(
        response.body().errors.map((error: any) => [error.field, error.message]),
        [[field, message]]
      )
    }
  })

  test('services: filters that are known still filter, blank ones are ignored, and another department answers 404', async ({
    client,
    assert,
  }) => {
    const { dft, hmrc, dftHr } = await setUp()
    const make = (
      organisationId: number,
      name: string,
      transactions: number,
      phase: 'beta' | 'live'
    ) => createService(organisationId, name, { annualTransactions: transactions, phase })
    await make(dft.id, 'Tax your vehicle', 40_000_000, 'live')
    await make(dft.id, 'Small grants', 5_000, 'beta')
    await make(hmrc.id, 'Self Assessment', 10_000_000, 'live')
    const auth = await bearer(dftHr)
    const names = async (qs: Record<string, string | number>) => {
      const response = await client.get('/api/v1/services').qs(qs).header('Authorization', auth)
      response.assertStatus(200)
      return response.body().data.map((row: any) => row.name)
    }
    assert.deepEqual(await names({ overThreshold: 'yes' }), ['Tax your vehicle'])
    assert.deepEqual(await names({ overThreshold: '0' }), ['Small grants'])
    assert.deepEqual(await names({ phase: 'beta' }), ['Small grants'])
    assert.deepEqual(await names({ phase: '', overThreshold: '' }), [
      'Small grants',
      'Tax your vehicle',
    ])
    assert.deepEqual(await names({ organisation: dft.id }), ['Small grants', 'Tax your vehicle'])
    const outside = await client
      .get('/api/v1/services')
      .qs({ organisation: hmrc.id })
      .header('Authorization', auth)
    outside.assertStatus(404)
    const missing = await client
      .get('/api/v1/services')
      .qs({ organisation: 999999 })
      .header('Authorization', auth)
    missing.assertStatus(404)
    assert.equal(outside.body().detail, missing.body().detail)
  })

  test('the other lists refuse unknown sorts, unknown values and ids that are not numbers', async ({
    client,
    assert,
  }) => {
    const { dft, admin, round } = await setUp()
    const auth = await bearer(admin)
    const cases: Array<[string, Record<string, string>, string]> = [
      ['/api/v1/courses', { sort: 'price' }, 'sort'],
      ['/api/v1/courses', { mode: 'video' }, 'mode'],
      ['/api/v1/courses', { skill: 'design' }, 'skill'],
      [`/api/v1/rounds/${round.id}/placements`, { sort: 'salary' }, 'sort'],
      [`/api/v1/rounds/${round.id}/placements`, { department: 'dft' }, 'department'],
      [`/api/v1/rounds/${round.id}/placements`, { digitalOnly: 'maybe' }, 'digitalOnly'],
      [`/api/v1/rounds/${round.id}/matches`, { outcome: 'lucky' }, 'outcome'],
      ['/api/v1/me/enrolments', { status: 'lost' }, 'status'],
      [`/api/v1/organisations/${dft.id}/campaigns`, { stage: 'done' }, 'stage'],
      [`/api/v1/organisations/${dft.id}/campaigns`, { roleProfileId: 'pm' }, 'roleProfileId'],
      [`/api/v1/organisations/${dft.id}/gaps`, { kind: 'money' }, 'kind'],
      [`/api/v1/organisations/${dft.id}/gaps`, { severity: 'dire' }, 'severity'],
      [`/api/v1/organisations/${dft.id}/gaps`, { status: 'forgotten' }, 'status'],
      ['/api/v1/role-profiles', { family: 'product' }, 'family'],
      ['/api/v1/me/gaps', { toward: 'sideways' }, 'toward'],
      ['/api/v1/metrics/skill-gaps', { rows: 'grade' }, 'rows'],
      ['/api/v1/metrics/training', { organisationId: 'dft' }, 'organisationId'],
    ]
    for (const [url, qs, field] of cases) {
      const response = await client.get(url).qs(qs).header('Authorization', auth)
      assert.equal(response.status(), 422, `${url} ${JSON.stringify(qs)}`)
      assert.deepEqual(fieldsOf(response.body()), [field], `${url} ${JSON.stringify(qs)}`)
    }
    const towardTarget = await client
      .get('/api/v1/me/gaps')
      .qs({ toward: 'target' })
      .header('Authorization', auth)
    towardTarget.assertStatus(200)
    assert.equal(towardTarget.body().meta.toward, 'target')
  })

  test('training metrics give spend in pence, in a field that says so', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr } = await setUp()
    const learner = await createUser({ organisation: dft })
    const course = await createCourse()
    course.costPence = 12_345
    await course.save()
    const session = await createSession({ course })
    await createEnrolment(session, learner)
    const cancelled = await createUser({ organisation: dft })
    await createEnrolment(session, cancelled, { status: 'cancelled' })
    const response = await client
      .get('/api/v1/metrics/training')
      .qs({ year: financialYearOf(session.startsAt.toUTC()), organisationId: dft.id })
      .header('Authorization', await bearer(dftHr))
    response.assertStatus(200)
    // One booked seat at £123.45; the cancelled enrolment costs nothing.
    assert.equal(response.body().data.spendPence, 12_345)
    assert.notProperty(response.body().data, 'spend')
    const schema = openApiDocument().components.schemas.TrainingMetrics
    assert.match(schema.properties!.spendPence.description!, /in pence/)
  })
})
