import { test } from '@japa/runner'
import { capabilityFixture } from '#tests/support/fixtures/capability'
import testUtils from '@adonisjs/core/services/test_utils'
import { bearer, apiAs } from '#tests/support/api'

const URL = (id: number) => `/api/v1/organisations/${id}/capability`

test.group('API: organisation capability', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR of a department gets its figures per skill and role level, agencies included', async ({
    client,
    assert,
  }) => {
    const { a, hrA, dm, sdm } = await capabilityFixture()
    const response = await apiAs(client, await bearer(hrA)).get(URL(a.id))
    response.assertStatus(200)
    const data = response.body().data
    assert.deepEqual(data.organisation, { id: a.id, name: 'Department A' })
    assert.equal(data.people, 3)
    assert.equal(data.peopleMeetingAll, 1)
    assert.deepEqual(
      data.bySkill.map((row: any) => [
        row.skill.name,
        row.assessedAgainst,
        row.below,
        row.totalGap,
      ]),
      [
        ['Agile working', 3, 1, 1],
        ['Strategic thinking', 1, 0, 0],
        ['User focus', 2, 2, 3],
      ]
    )
    assert.deepEqual(data.byRoleLevel, [
      { roleLevel: { id: dm.id, name: 'Delivery manager' }, people: 2, peopleMeetingAll: 0 },
      {
        roleLevel: { id: sdm.id, name: 'Senior delivery manager' },
        people: 1,
        peopleMeetingAll: 1,
      },
    ])
  })

  test('an agency on its own counts only its people', async ({ client, assert }) => {
    const { a1, hrA } = await capabilityFixture()
    const response = await apiAs(client, await bearer(hrA)).get(URL(a1.id))
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.people, 2)
    assert.equal(data.peopleMeetingAll, 1)
    const agile = data.bySkill.find((row: any) => row.skill.name === 'Agile working')
    assert.deepEqual([agile.assessedAgainst, agile.below, agile.totalGap], [2, 1, 1])
  })

  test('HR of another department gets 404 both ways', async ({ client }) => {
    const { a, b, hrA, hrB } = await capabilityFixture()
    const fromB = await apiAs(client, await bearer(hrB)).get(URL(a.id))
    fromB.assertStatus(404)
    const fromA = await apiAs(client, await bearer(hrA)).get(URL(b.id))
    fromA.assertStatus(404)
  })

  test('an id that is not a whole number from 1 answers 404, not another organisation', async ({
    client,
    assert,
  }) => {
    const { a, admin } = await capabilityFixture()
    const auth = await bearer(admin)
    for (const id of [`${a.id}abc`, `${a.id}.5`, '0', '-1', 'abc']) {
      const response = await apiAs(client, auth).get(`/api/v1/organisations/${id}/capability`)
      response.assertStatus(404)
      assert.equal(response.body().status, 404, id)
      assert.notProperty(response.body(), 'data', id)
    }
  })

  test('a capability admin sees any department; a learner is refused with 403', async ({
    client,
    assert,
  }) => {
    const { b, admin, alice } = await capabilityFixture()
    const response = await apiAs(client, await bearer(admin)).get(URL(b.id))
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.people, 1)
    assert.equal(data.peopleMeetingAll, 0)
    assert.deepEqual(
      data.bySkill.map((row: any) => [row.skill.name, row.below, row.totalGap]),
      [
        ['Agile working', 1, 2],
        ['User focus', 1, 2],
      ]
    )
    const learner = await apiAs(client, await bearer(alice)).get(URL(b.id))
    learner.assertStatus(403)
    const anonymous = await client.get(URL(b.id))
    anonymous.assertStatus(401)
  })
})
