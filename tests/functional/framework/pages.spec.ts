import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import Skill from '#models/skill'
import type RoleLevel from '#models/role_level'
import { productManagement } from '#tests/support/fixtures/framework'
import { DateTime } from 'luxon'

test.group('Framework pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the framework home lists families and their roles with a count of levels', async ({
    client,
  }) => {
    const { role } = await productManagement()
    const user = await createUser()
    const response = await client.get('/framework').loginAs(user)
    response.assertStatus(200)
    response.assertTextIncludes('Product and delivery')
    response.assertTextIncludes(`href="/framework/roles/${role.id}"`)
    response.assertTextIncludes('(2 levels)')
  })

  test('the search finds roles, role levels and skills by name', async ({ client, assert }) => {
    await productManagement()
    const user = await createUser()
    const response = await client.get('/framework').qs({ q: 'agile' }).loginAs(user)
    response.assertTextIncludes('Results for “agile”')
    response.assertTextIncludes('0 roles, 0 role levels and 1 skill found')
    response.assertTextIncludes('Agile working')
    const roles = await client.get('/framework').qs({ q: 'product man' }).loginAs(user)
    roles.assertTextIncludes('1 role, 2 role levels and 0 skills found')
    assert.notInclude(roles.text(), 'Agile working</a> <span')
  })

  test('the role page shows each level and a matrix of skill levels with text for screen readers', async ({
    client,
  }) => {
    const { role, levels } = await productManagement()
    const user = await createUser()
    const response = await client.get(`/framework/roles/${role.id}`).loginAs(user)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Product manager</h1>')
    response.assertTextIncludes('typically HEO')
    response.assertTextIncludes(
      '<th scope="col" class="text-center">Associate product manager</th>'
    )
    response.assertTextIncludes('<span class="sr-only">Practitioner</span>')
    response.assertTextIncludes('<span class="sr-only">Not needed</span>')
    response.assertTextIncludes(`/framework/progression?from=${levels[0].id}&to=${levels[1].id}`)
  })

  test('the skill page shows four descriptors and the role levels that need it, highest first', async ({
    client,
    assert,
  }) => {
    await productManagement()
    const skill = await Skill.findByOrFail('name', 'Agile working')
    const user = await createUser()
    const response = await client.get(`/framework/skills/${skill.id}`).loginAs(user)
    response.assertStatus(200)
    for (const name of ['1. Awareness', '2. Working', '3. Practitioner', '4. Expert'])
      response.assertTextIncludes(name)
    const text = response.text()
    assert.isBelow(
      text.indexOf('>Product manager</a>'),
      text.indexOf('>Associate product manager</a>')
    )
  })

  test('the skills page groups skills by category', async ({ client }) => {
    await createSkill('Data visualisation', 'Data and analysis')
    const user = await createUser()
    await assertPageIncludes(client, user, '/framework/skills', [
      'Data and analysis',
      'Data visualisation',
    ])
  })

  test('retired skills and unknown ids answer 404', async ({ client }) => {
    const skill = await createSkill('Old skill')
    skill.retiredAt = DateTime.now()
    await skill.save()
    const user = await createUser()
    const retired = await client.get(`/framework/skills/${skill.id}`).loginAs(user)
    retired.assertStatus(404)
    const unknown = await client.get('/framework/roles/999999').loginAs(user)
    unknown.assertStatus(404)
    const nonsense = await client.get('/framework/roles/abc').loginAs(user)
    nonsense.assertStatus(404)
  })

  test('a retired skill drops out of role matrices; a role in a retired family answers 404', async ({
    client,
    assert,
  }) => {
    const { role, family } = await productManagement()
    const skill = await Skill.findByOrFail('name', 'Strategic thinking')
    skill.retiredAt = DateTime.now()
    await skill.save()
    const user = await createUser()
    const page = await client.get(`/framework/roles/${role.id}`).loginAs(user)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Strategic thinking')
    family.retiredAt = DateTime.now()
    await family.save()
    const hidden = await client.get(`/framework/roles/${role.id}`).loginAs(user)
    hidden.assertStatus(404)
  })

  test('the framework needs a signed-in person', async ({ client }) => {
    const response = await client.get('/framework').redirects(0)
    response.assertHeader('location', '/sign-in')
  })
})

test.group('Progression page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('{title}')
    .with([
      {
        title: 'comparing two levels lists skills to raise and skills new to the target',
        query: (levels: RoleLevel[]) => ({ from: levels[0].id, to: levels[1].id }),
        shows: ['2 skills to raise, 1 new, 0 already at the level needed.', 'Strategic thinking'],
      },
      {
        title: 'choosing only one level asks for the other, with the error summary',
        query: (levels: RoleLevel[]) => ({ from: levels[0].id }),
        shows: [
          '<title>Error: Compare two role levels',
          'Select the role level you want to move to',
          'href="#field-to"',
        ],
      },
      {
        title: 'an unknown level is a field error, not a crash',
        query: (levels: RoleLevel[]) => ({ from: levels[0].id, to: 'x' }),
        shows: ['Select a role level from the list'],
      },
    ])
    .run(async ({ client }, { query, shows }) => {
      const { levels } = await productManagement()
      const user = await createUser()
      const response = await client.get('/framework/progression').qs(query(levels)).loginAs(user)
      response.assertStatus(200)
      for (const text of shows) response.assertTextIncludes(text)
    })
})
