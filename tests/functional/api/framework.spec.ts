import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import { bearer, apiAs } from '#tests/support/api'
import Skill from '#models/skill'
import { productManagement } from '#tests/support/fixtures/framework'

test.group('API: framework', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('role profiles list with family, levels, paging meta and a link to each', async ({
    client,
    assert,
  }) => {
    const { role } = await productManagement()
    await createRole({
      family: 'Data',
      role: 'Data analyst',
      levels: [{ name: 'Data analyst', needs: { Analysis: 2 } }],
    })
    const auth = await bearer(await createUser())
    const response = await client
      .get('/api/v1/role-profiles')
      .qs({ perPage: 1 })
      .header('Authorization', auth)
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(body.meta, { total: 2, page: 1, perPage: 1, lastPage: 2 })
    assert.equal(body.data[0].name, 'Data analyst')
    const second = await client
      .get('/api/v1/role-profiles')
      .qs({ perPage: 1, page: 2 })
      .header('Authorization', auth)
    const pm = second.body().data[0]
    assert.equal(pm.id, role.id)
    assert.deepEqual(pm.family.name, 'Product and delivery')
    assert.deepEqual(
      pm.levels.map((level: { name: string }) => level.name),
      ['Associate product manager', 'Product manager']
    )
    assert.deepEqual(pm.levels[0].typicalGrades, ['HEO'])
    assert.equal(pm.links.self, `/api/v1/role-profiles/${role.id}`)
  })

  test('a role profile carries each level’s requirements', async ({ client, assert }) => {
    const { role } = await productManagement()
    const auth = await bearer(await createUser())
    const response = await apiAs(client, auth).get(`/api/v1/role-profiles/${role.id}`)
    response.assertStatus(200)
    const senior = response.body().data.levels[1]
    assert.deepEqual(
      senior.requirements.map((r: any) => [r.skill.name, r.level, r.levelName]),
      [
        ['Agile working', 3, 'Practitioner'],
        ['Strategic thinking', 2, 'Working'],
        ['User focus', 3, 'Practitioner'],
      ]
    )
  })

  test('skills list with four named levels each, filtered by text and category', async ({
    client,
    assert,
  }) => {
    await createSkill('Data visualisation', 'Data and analysis')
    await createSkill('Agile working', 'Product and delivery')
    const auth = await bearer(await createUser())
    const response = await client
      .get('/api/v1/skills')
      .qs({ category: 'Data and analysis' })
      .header('Authorization', auth)
    const body = response.body()
    assert.equal(body.meta.total, 1)
    const skill = body.data[0]
    assert.equal(skill.name, 'Data visualisation')
    assert.deepEqual(
      skill.levels.map((level: any) => [level.level, level.name]),
      [
        [1, 'Awareness'],
        [2, 'Working'],
        [3, 'Practitioner'],
        [4, 'Expert'],
      ]
    )
    assert.isString(skill.levels[0].descriptor)
    const search = await client
      .get('/api/v1/skills')
      .qs({ q: 'agile' })
      .header('Authorization', auth)
    assert.deepEqual(
      search.body().data.map((s: any) => s.name),
      ['Agile working']
    )
  })

  test('a skill lists the role levels that need it', async ({ client, assert }) => {
    await productManagement()
    const skill = await Skill.findByOrFail('name', 'User focus')
    const auth = await bearer(await createUser())
    const response = await apiAs(client, auth).get(`/api/v1/skills/${skill.id}`)
    assert.deepEqual(
      response.body().data.neededBy.map((row: any) => [row.roleLevel.name, row.levelName]),
      [
        ['Product manager', 'Practitioner'],
        ['Associate product manager', 'Awareness'],
      ]
    )
  })

  test('progression compares two role levels', async ({ client, assert }) => {
    const { levels } = await productManagement()
    const auth = await bearer(await createUser())
    const response = await client
      .get('/api/v1/progression')
      .qs({ from: levels[0].id, to: levels[1].id })
      .header('Authorization', auth)
    response.assertStatus(200)
    const data = response.body().data
    assert.deepEqual(data.from, { id: levels[0].id, name: 'Associate product manager' })
    assert.deepEqual(
      data.raise.map((step: any) => [step.skill.name, step.from, step.to]),
      [
        ['User focus', 1, 3],
        ['Agile working', 2, 3],
      ]
    )
    assert.deepEqual(
      data.new.map((step: any) => [step.skill.name, step.to]),
      [['Strategic thinking', 2]]
    )
  })

  test('bad query strings get 422 with a message per field', async ({ client, assert }) => {
    const { levels } = await productManagement()
    const auth = await bearer(await createUser())
    const missing = await client
      .get('/api/v1/progression')
      .qs({ from: levels[0].id })
      .header('Authorization', auth)
    missing.assertStatus(422)
    assert.deepEqual(
      missing.body().errors.map((e: any) => e.field),
      ['to']
    )
    const unknown = await client
      .get('/api/v1/progression')
      .qs({ from: levels[0].id, to: 999999 })
      .header('Authorization', auth)
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'to')
    const paging = await client
      .get('/api/v1/skills')
      .qs({ perPage: 500, page: 'x' })
      .header('Authorization', auth)
    paging.assertStatus(422)
    assert.sameMembers(
      paging.body().errors.map((e: any) => e.field),
      ['page', 'perPage']
    )
  })

  test('unknown ids answer 404 and the API needs a token', async ({ client }) => {
    const auth = await bearer(await createUser())
    const unknown = await apiAs(client, auth).get('/api/v1/role-profiles/999999')
    unknown.assertStatus(404)
    const anonymous = await client.get('/api/v1/skills')
    anonymous.assertStatus(401)
  })
})
