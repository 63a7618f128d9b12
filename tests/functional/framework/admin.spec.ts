import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: loading the audited models before #models/user trips the
// models' import cycle (audited_model → audit → audit_event → user → audited_model).
import { createUser } from '#database/factories/user_factory'
import AuditEvent from '#models/audit_event'
import RoleFamily from '#models/role_family'
import RoleProfile from '#models/role_profile'
import RoleLevel from '#models/role_level'
import Skill from '#models/skill'
import SkillLevelDescriptor from '#models/skill_level_descriptor'
import RoleRequirement from '#models/role_requirement'
import { submitAs } from '#tests/support/forms'
import {
  type FormChange,
  assertPageIncludes,
  assertPagesAndChangesAnswer,
  assertPagesAnswer,
} from '#tests/support/page_access'
import { auditOf } from '#tests/support/audit'

const DESCRIPTORS = {
  descriptor1: 'Knows what user research is and why it matters.',
  descriptor2: 'Plans and runs research sessions with support.',
  descriptor3: 'Leads research for a service and coaches others.',
  descriptor4: 'Sets the direction of research across an organisation.',
}

/* A small framework: one family, a role with one level, and two skills (one needed). */
async function smallFramework() {
  const family = await RoleFamily.create({ name: 'Product and delivery', position: 0 })
  const role = await RoleProfile.create({ roleFamilyId: family.id, name: 'Product manager' })
  const level = await RoleLevel.create({
    roleProfileId: role.id,
    name: 'Senior product manager',
    position: 50,
    typicalGrades: ['G7'],
  })
  const research = await Skill.create({ name: 'User research', category: 'User-centred design' })
  for (const [index, text] of Object.values(DESCRIPTORS).entries()) {
    await SkillLevelDescriptor.create({ skillId: research.id, level: index + 1, descriptor: text })
  }
  const strategy = await Skill.create({ name: 'Product strategy', category: 'Product' })
  const requirement = await RoleRequirement.create({
    roleLevelId: level.id,
    skillId: strategy.id,
    level: 3,
  })
  const admin = await createUser({ roles: ['capability_admin'] })
  return { family, role, level, research, strategy, requirement, admin }
}

test.group('Framework editing: access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner and department HR are refused every framework admin page and change', async ({
    client,
    assert,
  }) => {
    const { family, role, level, research, requirement } = await smallFramework()
    const learner = await createUser({ roles: ['learner'] })
    const hr = await createUser({ roles: ['department_hr'] })
    const pages = [
      '/framework/admin',
      '/framework/admin/families/create',
      `/framework/admin/families/${family.id}/edit`,
      `/framework/admin/families/${family.id}/roles/create`,
      `/framework/admin/roles/${role.id}/edit`,
      `/framework/admin/roles/${role.id}/levels/create`,
      `/framework/admin/levels/${level.id}/edit`,
      `/framework/admin/requirements/${requirement.id}/edit`,
      '/framework/admin/skills',
      '/framework/admin/skills/create',
      `/framework/admin/skills/${research.id}/edit`,
    ]
    const changes: FormChange[] = [
      ['post', '/framework/admin/families', { name: 'Planted family' }],
      ['put', `/framework/admin/families/${family.id}`, { name: 'Hijacked family' }],
      ['post', `/framework/admin/families/${family.id}/retire`, {}],
      ['post', `/framework/admin/families/${family.id}/restore`, {}],
      ['post', `/framework/admin/families/${family.id}/roles`, { name: 'Planted role' }],
      ['put', `/framework/admin/roles/${role.id}`, { name: 'Hijacked role' }],
      ['post', `/framework/admin/roles/${role.id}/retire`, {}],
      ['post', `/framework/admin/roles/${role.id}/restore`, {}],
      ['post', `/framework/admin/roles/${role.id}/levels`, { name: 'Planted level' }],
      ['put', `/framework/admin/levels/${level.id}`, { name: 'Hijacked level' }],
      ['post', `/framework/admin/levels/${level.id}/retire`, {}],
      ['post', `/framework/admin/levels/${level.id}/restore`, {}],
      [
        'post',
        `/framework/admin/levels/${level.id}/requirements`,
        { skillId: research.id, level: 2 },
      ],
      ['put', `/framework/admin/requirements/${requirement.id}`, { level: 1 }],
      ['delete', `/framework/admin/requirements/${requirement.id}`, {}],
      ['post', '/framework/admin/skills', { name: 'Planted skill', category: 'Data' }],
      ['put', `/framework/admin/skills/${research.id}`, { name: 'Hijacked skill' }],
      ['post', `/framework/admin/skills/${research.id}/retire`, {}],
      ['post', `/framework/admin/skills/${research.id}/restore`, {}],
    ]

    for (const user of [learner, hr]) {
      await assertPagesAndChangesAnswer(assert, client, user, { pages, changes }, 403)
    }

    await Promise.all([family.refresh(), role.refresh(), level.refresh(), research.refresh()])
    assert.equal(family.name, 'Product and delivery')
    assert.equal(role.name, 'Product manager')
    assert.equal(level.name, 'Senior product manager')
    assert.equal(research.name, 'User research')
    assert.isNull(role.retiredAt)
    assert.isNull(research.retiredAt)
    assert.isNotNull(await RoleRequirement.find(requirement.id))
    const events = await AuditEvent.query().whereIn('actor_id', [learner.id, hr.id])
    assert.lengthOf(events, 0)
  })

  test('someone not signed in is sent to sign in', async ({ client }) => {
    const response = await client.get('/framework/admin')
    response.assertRedirectsTo('/sign-in')
  })

  test('an address for a record that does not exist answers 404', async ({ client }) => {
    const { admin } = await smallFramework()
    await assertPagesAnswer(
      client,
      admin,
      [
        '/framework/admin/families/999999/edit',
        '/framework/admin/roles/999999/edit',
        '/framework/admin/levels/999999/edit',
        '/framework/admin/skills/999999/edit',
        '/framework/admin/requirements/999999/edit',
        '/framework/admin/skills/not-a-number/edit',
      ],
      404
    )
  })

  test('capability admins see editing links on the public framework pages; learners do not', async ({
    client,
    assert,
  }) => {
    const { role, research, admin } = await smallFramework()
    const learner = await createUser({ roles: ['learner'] })

    const home = await client.get('/framework').loginAs(admin)
    home.assertTextIncludes('href="/framework/admin"')
    const rolePage = await client.get(`/framework/roles/${role.id}`).loginAs(admin)
    rolePage.assertTextIncludes(`href="/framework/admin/roles/${role.id}/edit"`)
    const skillPage = await client.get(`/framework/skills/${research.id}`).loginAs(admin)
    skillPage.assertTextIncludes(`href="/framework/admin/skills/${research.id}/edit"`)

    for (const url of [
      '/framework',
      `/framework/roles/${role.id}`,
      `/framework/skills/${research.id}`,
    ]) {
      const response = await client.get(url).loginAs(learner)
      response.assertStatus(200)
      assert.notInclude(response.text(), '/framework/admin')
    }
  })

  test('a change sent without the CSRF token changes nothing', async ({ client, assert }) => {
    const { family, research, admin } = await smallFramework()
    const attempts = [
      client.post('/framework/admin/families').form({ name: 'Forged family' }),
      client.post(`/framework/admin/skills/${research.id}/retire`),
      client.put(`/framework/admin/families/${family.id}`).form({ name: 'Forged name' }),
    ]
    for (const attempt of attempts) {
      const response = await attempt.loginAs(admin).redirects(0)
      assert.notEqual(response.status(), 200)
      assert.notProperty(response.flashMessages() ?? {}, 'success')
    }

    assert.isNull(await RoleFamily.findBy('name', 'Forged family'))
    await Promise.all([family.refresh(), research.refresh()])
    assert.equal(family.name, 'Product and delivery')
    assert.isNull(research.retiredAt)
    assert.lengthOf(await AuditEvent.query().where('actor_id', admin.id), 0)
  })
})

test.group('Framework editing: families, roles and levels', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin adds a role family, which goes last and is audited', async ({
    client,
    assert,
  }) => {
    const { admin } = await smallFramework()
    const form = await client.get('/framework/admin/families/create').loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Add a role family</h1>')

    const response = await submitAs(client, admin).post('/framework/admin/families', {
      name: '  Data  ',
      description: 'Roles that work with data.',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/framework/admin')
    response.assertFlashMessage('success', 'Role family added: Data')

    const family = await RoleFamily.findByOrFail('name', 'Data')
    assert.equal(family.position, 1)
    assert.equal(family.description, 'Roles that work with data.')
    const event = await auditOf(admin, 'create', 'role_family', family.id)
    assert.isNull(event.before)
    assert.equal(event.afterValues.name, 'Data')

    const index = await client.get('/framework/admin').loginAs(admin)
    index.assertStatus(200)
    index.assertTextIncludes('Data')
    index.assertTextIncludes(`href="/framework/admin/families/${family.id}/roles/create"`)
  })

  test('renaming a role family keeps the old and new names in the trail', async ({
    client,
    assert,
  }) => {
    const { family, admin } = await smallFramework()
    const form = await client.get(`/framework/admin/families/${family.id}/edit`).loginAs(admin)
    form.assertTextIncludes('value="Product and delivery"')

    const response = await submitAs(client, admin).put(`/framework/admin/families/${family.id}`, {
      name: 'Product, delivery and service',
      position: '3',
    })
    response.assertFlashMessage(
      'success',
      'Changes saved to role family: Product, delivery and service'
    )
    const event = await auditOf(admin, 'update', 'role_family', family.id)
    assert.deepEqual(event.beforeValues, { name: 'Product and delivery', position: 0 })
    assert.deepEqual(event.afterValues, { name: 'Product, delivery and service', position: 3 })
  })

  test('a role family without a name is refused with a specific message', async ({ client }) => {
    const { admin } = await smallFramework()
    const response = await submitAs(client, admin).post('/framework/admin/families', {
      name: '',
      description: 'Kept',
    })
    response.assertFlashMessage('inputErrorsBag', { name: ['Enter a name for the role family'] })
    response.assertFlashMessage('description', 'Kept')
  })

  test('a role family name already used is refused, whatever its case', async ({
    client,
    assert,
  }) => {
    const { admin } = await smallFramework()
    const response = await submitAs(client, admin).post('/framework/admin/families', {
      name: 'PRODUCT AND DELIVERY',
    })
    response.assertFlashMessage('inputErrorsBag', {
      name: ['A role family with this name already exists'],
    })
    assert.lengthOf(await RoleFamily.all(), 1)
  })

  test('a capability admin adds a role to a family and a level with typical grades, each audited', async ({
    client,
    assert,
  }) => {
    const { family, admin } = await smallFramework()
    const roleForm = await client
      .get(`/framework/admin/families/${family.id}/roles/create`)
      .loginAs(admin)
    roleForm.assertStatus(200)
    roleForm.assertTextIncludes('<h1>Add a role</h1>')

    const addRole = await submitAs(client, admin).post(
      `/framework/admin/families/${family.id}/roles`,
      { name: 'Delivery manager', description: 'Keeps teams delivering.' }
    )
    const role = await RoleProfile.findByOrFail('name', 'Delivery manager')
    assert.equal(role.roleFamilyId, family.id)
    addRole.assertHeader('location', `/framework/admin/roles/${role.id}/edit`)
    addRole.assertFlashMessage('success', 'Role added: Delivery manager')
    const roleEvent = await auditOf(admin, 'create', 'role_profile', role.id)
    assert.equal(roleEvent.afterValues.name, 'Delivery manager')
    assert.equal(roleEvent.afterValues.roleFamilyId, family.id)

    const levelForm = await client
      .get(`/framework/admin/roles/${role.id}/levels/create`)
      .loginAs(admin)
    levelForm.assertStatus(200)
    levelForm.assertTextIncludes('Senior Executive Officer (SEO)')

    const addLevel = await submitAs(client, admin).post(
      `/framework/admin/roles/${role.id}/levels`,
      { name: 'Senior delivery manager', typicalGrades: ['G7', 'SEO'] }
    )
    const level = await RoleLevel.findByOrFail('name', 'Senior delivery manager')
    assert.equal(level.roleProfileId, role.id)
    assert.deepEqual(level.typicalGrades, ['SEO', 'G7'])
    assert.equal(level.position, 50)
    addLevel.assertHeader('location', `/framework/admin/levels/${level.id}/edit`)
    addLevel.assertFlashMessage(
      'success',
      'Level added: Senior delivery manager. Add the skills it needs'
    )
    const levelEvent = await auditOf(admin, 'create', 'role_level', level.id)
    assert.equal(levelEvent.afterValues.name, 'Senior delivery manager')
    assert.deepEqual(levelEvent.afterValues.typicalGrades, ['SEO', 'G7'])

    await assertPageIncludes(client, admin, `/framework/admin/roles/${role.id}/edit`, [
      'Senior delivery manager',
      'SEO, G7',
    ])
  })

  test('changing a level’s typical grades records them before and after', async ({
    client,
    assert,
  }) => {
    const { role, level, admin } = await smallFramework()
    const response = await submitAs(client, admin).put(`/framework/admin/levels/${level.id}`, {
      name: 'Senior product manager',
      typicalGrades: 'G6',
      position: '50',
    })
    response.assertHeader('location', `/framework/admin/roles/${role.id}/edit`)
    await level.refresh()
    assert.deepEqual(level.typicalGrades, ['G6'])
    const event = await auditOf(admin, 'update', 'role_level', level.id)
    assert.deepEqual(event.beforeValues, { typicalGrades: ['G7'] })
    assert.deepEqual(event.afterValues, { typicalGrades: ['G6'] })
  })

  test('a grade that does not exist is refused', async ({ client }) => {
    const { role, admin } = await smallFramework()
    const response = await submitAs(client, admin).post(
      `/framework/admin/roles/${role.id}/levels`,
      { name: 'Lead product manager', typicalGrades: ['G7', 'G99'] }
    )
    response.assertFlashMessage('inputErrorsBag', {
      'typicalGrades.1': ['Select typical grades from the list'],
    })
  })

  test('a role name already used in the same family is refused, whatever its case', async ({
    client,
    assert,
  }) => {
    const { family, admin } = await smallFramework()
    const response = await submitAs(client, admin).post(
      `/framework/admin/families/${family.id}/roles`,
      { name: 'product MANAGER' }
    )
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      name: ['A role with this name already exists in this family'],
    })
    response.assertFlashMessage('name', 'product MANAGER')
    assert.lengthOf(await RoleProfile.query().where('role_family_id', family.id), 1)
  })

  test('renaming a role to the name of a retired role in its family says to restore it', async ({
    client,
    assert,
  }) => {
    const { family, role, admin } = await smallFramework()
    await RoleProfile.create({
      roleFamilyId: family.id,
      name: 'Product lead',
      retiredAt: DateTime.now(),
    })
    const response = await submitAs(client, admin).put(`/framework/admin/roles/${role.id}`, {
      name: 'Product lead',
    })
    response.assertFlashMessage('inputErrorsBag', {
      name: [
        'A retired role in this family already has this name: restore it or choose another name',
      ],
    })
    await role.refresh()
    assert.equal(role.name, 'Product manager')
  })

  test('the same role name can be used in another family', async ({ client, assert }) => {
    const { admin } = await smallFramework()
    const other = await RoleFamily.create({ name: 'Data', position: 1 })
    const response = await submitAs(client, admin).post(
      `/framework/admin/families/${other.id}/roles`,
      { name: 'Product manager' }
    )
    response.assertFlashMessage('success', 'Role added: Product manager')
    assert.lengthOf(await RoleProfile.query().where('name', 'Product manager'), 2)
  })

  test('a level name already used in the same role is refused', async ({ client, assert }) => {
    const { role, admin } = await smallFramework()
    const response = await submitAs(client, admin).post(
      `/framework/admin/roles/${role.id}/levels`,
      { name: 'Senior Product Manager' }
    )
    response.assertFlashMessage('inputErrorsBag', {
      name: ['A level with this name already exists in this role'],
    })
    assert.lengthOf(await RoleLevel.query().where('role_profile_id', role.id), 1)
  })

  test('a role or level without a name is refused with a specific message', async ({ client }) => {
    const { family, role, admin } = await smallFramework()
    const roleResponse = await submitAs(client, admin).post(
      `/framework/admin/families/${family.id}/roles`,
      { name: '' }
    )
    roleResponse.assertFlashMessage('inputErrorsBag', { name: ['Enter a name for the role'] })
    const levelResponse = await submitAs(client, admin).post(
      `/framework/admin/roles/${role.id}/levels`,
      { name: '', position: 'first' }
    )
    levelResponse.assertFlashMessage('inputErrorsBag', {
      name: ['Enter a name for the role level'],
      position: ['Order must be a whole number, like 10'],
    })
  })

  test('retiring a role hides it from the framework and restoring it brings it back, both audited', async ({
    client,
    assert,
  }) => {
    const { role, admin } = await smallFramework()
    const learner = await createUser({ roles: ['learner'] })

    const retire = await submitAs(client, admin).post(`/framework/admin/roles/${role.id}/retire`)
    retire.assertHeader('location', '/framework/admin')
    retire.assertFlashMessage(
      'success',
      'Product manager retired: it no longer appears in the framework'
    )
    await role.refresh()
    assert.isNotNull(role.retiredAt)
    const retired = await auditOf(admin, 'update', 'role_profile', role.id)
    assert.deepEqual(Object.keys(retired.beforeValues), ['retiredAt'])
    assert.isNull(retired.beforeValues.retiredAt)
    assert.isString(retired.afterValues.retiredAt)

    const home = await client.get('/framework').loginAs(learner)
    assert.notInclude(home.text(), 'Product manager')
    const page = await client.get(`/framework/roles/${role.id}`).loginAs(learner)
    page.assertStatus(404)

    await assertPageIncludes(client, admin, '/framework/admin', [
      'Product manager',
      `action="/framework/admin/roles/${role.id}/restore"`,
    ])

    const restore = await submitAs(client, admin).post(`/framework/admin/roles/${role.id}/restore`)
    restore.assertFlashMessage('success', 'Product manager restored')
    await role.refresh()
    assert.isNull(role.retiredAt)
    const events = await AuditEvent.query()
      .where({ actor_id: admin.id, subject_type: 'role_profile', subject_id: String(role.id) })
      .orderBy('id')
    assert.lengthOf(events, 2)
    assert.isString(events[1].beforeValues.retiredAt)
    assert.deepEqual(events[1].afterValues, { retiredAt: null })

    const back = await client.get(`/framework/roles/${role.id}`).loginAs(learner)
    back.assertStatus(200)
    const homeAgain = await client.get('/framework').loginAs(learner)
    homeAgain.assertTextIncludes('Product manager')
  })

  test('retiring a family hides it from the framework home but retires none of its roles', async ({
    client,
    assert,
  }) => {
    const { family, role, admin } = await smallFramework()
    const learner = await createUser({ roles: ['learner'] })
    const response = await submitAs(client, admin).post(
      `/framework/admin/families/${family.id}/retire`
    )
    response.assertHeader('location', '/framework/admin')
    await Promise.all([family.refresh(), role.refresh()])
    assert.isNotNull(family.retiredAt)
    assert.isNull(role.retiredAt)
    const home = await client.get('/framework').loginAs(learner)
    assert.notInclude(home.text(), 'Product and delivery')
    await auditOf(admin, 'update', 'role_family', family.id)

    const index = await client.get('/framework/admin').loginAs(admin)
    index.assertTextIncludes(`action="/framework/admin/families/${family.id}/restore"`)
  })

  test('retiring a level hides it from its role’s page and restoring brings it back', async ({
    client,
    assert,
  }) => {
    const { role, level, admin } = await smallFramework()
    const learner = await createUser({ roles: ['learner'] })
    const retire = await submitAs(client, admin).post(`/framework/admin/levels/${level.id}/retire`)
    retire.assertHeader('location', `/framework/admin/roles/${role.id}/edit`)
    const page = await client.get(`/framework/roles/${role.id}`).loginAs(learner)
    assert.notInclude(page.text(), 'Senior product manager')

    await submitAs(client, admin).post(`/framework/admin/levels/${level.id}/restore`)
    const again = await client.get(`/framework/roles/${role.id}`).loginAs(learner)
    again.assertTextIncludes('Senior product manager')
    const events = await AuditEvent.query().where({
      actor_id: admin.id,
      subject_type: 'role_level',
      subject_id: String(level.id),
    })
    assert.lengthOf(events, 2)
  })
})

test.group('Framework editing: skills and requirements', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin adds a skill with its four level descriptors, each audited', async ({
    client,
    assert,
  }) => {
    const { admin } = await smallFramework()
    const form = await client.get('/framework/admin/skills/create').loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('1. Awareness')
    form.assertTextIncludes('4. Expert')

    const response = await submitAs(client, admin).post('/framework/admin/skills', {
      name: 'Data visualisation',
      category: 'Data',
      description: 'Showing data so people understand it.',
      descriptor1: 'Knows common chart types.',
      descriptor2: 'Makes clear charts for a team.',
      descriptor3: 'Designs dashboards for a service.',
      descriptor4: 'Sets visualisation standards.',
    })
    response.assertHeader('location', '/framework/admin/skills')
    response.assertFlashMessage('success', 'Skill added: Data visualisation')

    const skill = await Skill.findByOrFail('name', 'Data visualisation')
    assert.equal(skill.category, 'Data')
    const descriptors = await SkillLevelDescriptor.query()
      .where('skill_id', skill.id)
      .orderBy('level')
    assert.deepEqual(
      descriptors.map((row) => [row.level, row.descriptor]),
      [
        [1, 'Knows common chart types.'],
        [2, 'Makes clear charts for a team.'],
        [3, 'Designs dashboards for a service.'],
        [4, 'Sets visualisation standards.'],
      ]
    )
    const event = await auditOf(admin, 'create', 'skill', skill.id)
    assert.equal(event.afterValues.name, 'Data visualisation')
    for (const descriptor of descriptors) {
      const created = await auditOf(admin, 'create', 'skill_level_descriptor', descriptor.id)
      assert.equal(created.afterValues.descriptor, descriptor.descriptor)
    }

    const learner = await createUser({ roles: ['learner'] })
    const page = await client.get(`/framework/skills/${skill.id}`).loginAs(learner)
    page.assertTextIncludes('Designs dashboards for a service.')
  })

  test('changing one descriptor of a skill records only that change', async ({
    client,
    assert,
  }) => {
    const { research, admin } = await smallFramework()
    const form = await client.get(`/framework/admin/skills/${research.id}/edit`).loginAs(admin)
    form.assertTextIncludes(DESCRIPTORS.descriptor3)

    await submitAs(client, admin).put(`/framework/admin/skills/${research.id}`, {
      name: 'User research',
      category: 'User-centred design',
      ...DESCRIPTORS,
      descriptor3: 'Leads research for a service.',
    })
    const events = await AuditEvent.query().where('actor_id', admin.id)
    assert.lengthOf(events, 1)
    assert.equal(events[0].subjectType, 'skill_level_descriptor')
    assert.deepEqual(events[0].beforeValues, { descriptor: DESCRIPTORS.descriptor3 })
    assert.deepEqual(events[0].afterValues, { descriptor: 'Leads research for a service.' })
  })

  test('a skill without its descriptors is refused with a message for each level', async ({
    client,
  }) => {
    const { admin } = await smallFramework()
    const response = await submitAs(client, admin).post('/framework/admin/skills', {
      name: 'Data science',
      category: '',
      descriptor2: 'Builds simple models.',
    })
    response.assertFlashMessage('inputErrorsBag', {
      category: ['Enter a category for the skill'],
      descriptor1: ['Enter the Awareness descriptor'],
      descriptor3: ['Enter the Practitioner descriptor'],
      descriptor4: ['Enter the Expert descriptor'],
    })
    response.assertFlashMessage('descriptor2', 'Builds simple models.')
  })

  test('a skill name already used is refused, whatever its case', async ({ client, assert }) => {
    const { admin } = await smallFramework()
    const response = await submitAs(client, admin).post('/framework/admin/skills', {
      name: 'user Research',
      category: 'Design',
      ...DESCRIPTORS,
    })
    response.assertFlashMessage('inputErrorsBag', {
      name: ['A skill with this name already exists'],
    })
    assert.lengthOf(await Skill.query().whereRaw('lower(name) = ?', ['user research']), 1)
  })

  test('a capability admin says a role level needs a skill, changes its level and removes it, each audited', async ({
    client,
    assert,
  }) => {
    const { level, research, admin } = await smallFramework()
    const page = await client.get(`/framework/admin/levels/${level.id}/edit`).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Product strategy')
    page.assertTextIncludes(`<option value="${research.id}">User research</option>`)

    const add = await submitAs(client, admin).post(
      `/framework/admin/levels/${level.id}/requirements`,
      { skillId: String(research.id), level: '2' }
    )
    add.assertHeader('location', `/framework/admin/levels/${level.id}/edit`)
    add.assertFlashMessage(
      'success',
      'Senior product manager now needs User research at Working level'
    )
    const requirement = await RoleRequirement.query()
      .where({ role_level_id: level.id, skill_id: research.id })
      .firstOrFail()
    assert.equal(requirement.level, 2)
    const created = await auditOf(admin, 'create', 'role_requirement', requirement.id)
    assert.include(created.afterValues, { roleLevelId: level.id, skillId: research.id, level: 2 })

    const changeForm = await client
      .get(`/framework/admin/requirements/${requirement.id}/edit`)
      .loginAs(admin)
    changeForm.assertStatus(200)
    changeForm.assertTextIncludes(DESCRIPTORS.descriptor4)
    const change = await submitAs(client, admin).put(
      `/framework/admin/requirements/${requirement.id}`,
      { level: '4' }
    )
    change.assertFlashMessage(
      'success',
      'Senior product manager now needs User research at Expert level'
    )
    const updated = await auditOf(admin, 'update', 'role_requirement', requirement.id)
    assert.deepEqual(updated.beforeValues, { level: 2 })
    assert.deepEqual(updated.afterValues, { level: 4 })

    const remove = await submitAs(client, admin).delete(
      `/framework/admin/requirements/${requirement.id}`
    )
    remove.assertHeader('location', `/framework/admin/levels/${level.id}/edit`)
    remove.assertFlashMessage('success', 'Senior product manager no longer needs User research')
    assert.isNull(await RoleRequirement.find(requirement.id))
    const deleted = await auditOf(admin, 'delete', 'role_requirement', requirement.id)
    assert.include(deleted.beforeValues, { skillId: research.id, level: 4 })
    assert.isNull(deleted.after)
    assert.isNotNull(await Skill.find(research.id))
  })

  test('a role level cannot need the same skill twice', async ({ client, assert }) => {
    const { level, strategy, admin } = await smallFramework()
    const response = await submitAs(client, admin).post(
      `/framework/admin/levels/${level.id}/requirements`,
      { skillId: String(strategy.id), level: '1' }
    )
    response.assertFlashMessage('inputErrorsBag', {
      skillId: [
        'Senior product manager already needs Product strategy: change its level in the table instead',
      ],
    })
    const requirements = await RoleRequirement.query().where('role_level_id', level.id)
    assert.lengthOf(requirements, 1)
    assert.equal(requirements[0].level, 3)
  })

  test('a requirement level outside 1 to 4 is refused', async ({ client, assert }) => {
    const { level, research, requirement, admin } = await smallFramework()
    for (const value of ['0', '5', '2.5', 'expert']) {
      const response = await submitAs(client, admin).post(
        `/framework/admin/levels/${level.id}/requirements`,
        { skillId: String(research.id), level: value }
      )
      response.assertFlashMessage('inputErrorsBag', {
        level: ['Select Awareness, Working, Practitioner or Expert'],
      })
    }
    const missing = await submitAs(client, admin).post(
      `/framework/admin/levels/${level.id}/requirements`,
      { skillId: '' }
    )
    missing.assertFlashMessage('inputErrorsBag', {
      skillId: ['Select a skill'],
      level: ['Select the level the role needs'],
    })
    const change = await submitAs(client, admin).put(
      `/framework/admin/requirements/${requirement.id}`,
      { level: '5' }
    )
    change.assertFlashMessage('inputErrorsBag', {
      level: ['Select Awareness, Working, Practitioner or Expert'],
    })
    await requirement.refresh()
    assert.equal(requirement.level, 3)
    assert.lengthOf(await RoleRequirement.query().where('role_level_id', level.id), 1)
  })

  test('an unknown or retired skill cannot be added to a role level', async ({
    client,
    assert,
  }) => {
    const { level, research, admin } = await smallFramework()
    research.retiredAt = DateTime.now()
    await research.save()
    for (const skillId of ['999999', String(research.id)]) {
      const response = await submitAs(client, admin).post(
        `/framework/admin/levels/${level.id}/requirements`,
        { skillId, level: '2' }
      )
      response.assertFlashMessage('inputErrorsBag', { skillId: ['Select a skill from the list'] })
    }
    assert.lengthOf(await RoleRequirement.query().where('role_level_id', level.id), 1)
    const page = await client.get(`/framework/admin/levels/${level.id}/edit`).loginAs(admin)
    assert.notInclude(page.text(), `<option value="${research.id}">`)
  })

  test('a requirement for a role level that does not exist answers 404', async ({
    client,
    assert,
  }) => {
    const { research, admin } = await smallFramework()
    const response = await submitAs(client, admin).post(
      '/framework/admin/levels/999999/requirements',
      { skillId: String(research.id), level: '2' }
    )
    response.assertStatus(404)
    assert.lengthOf(await RoleRequirement.query().where('skill_id', research.id), 0)
  })

  test('retiring a skill hides it from the framework and restoring it brings it back, both audited', async ({
    client,
    assert,
  }) => {
    const { research, admin } = await smallFramework()
    const learner = await createUser({ roles: ['learner'] })

    const retire = await submitAs(client, admin).post(
      `/framework/admin/skills/${research.id}/retire`
    )
    retire.assertHeader('location', '/framework/admin/skills')
    retire.assertFlashMessage(
      'success',
      'User research retired: it no longer appears in the framework'
    )
    await research.refresh()
    assert.isNotNull(research.retiredAt)
    const retired = await auditOf(admin, 'update', 'skill', research.id)
    assert.isNull(retired.beforeValues.retiredAt)
    assert.isString(retired.afterValues.retiredAt)

    const page = await client.get(`/framework/skills/${research.id}`).loginAs(learner)
    page.assertStatus(404)
    const list = await client.get('/framework/skills').loginAs(learner)
    assert.notInclude(list.text(), 'User research')
    const search = await client.get('/framework?q=research').loginAs(learner)
    assert.notInclude(search.text(), `/framework/skills/${research.id}"`)

    await assertPageIncludes(client, admin, '/framework/admin/skills', [
      'User research',
      `action="/framework/admin/skills/${research.id}/restore"`,
    ])

    const restore = await submitAs(client, admin).post(
      `/framework/admin/skills/${research.id}/restore`
    )
    restore.assertFlashMessage('success', 'User research restored')
    await research.refresh()
    assert.isNull(research.retiredAt)
    const events = await AuditEvent.query()
      .where({ actor_id: admin.id, subject_type: 'skill', subject_id: String(research.id) })
      .orderBy('id')
    assert.lengthOf(events, 2)
    assert.deepEqual(events[1].afterValues, { retiredAt: null })

    const back = await client.get(`/framework/skills/${research.id}`).loginAs(learner)
    back.assertStatus(200)
    back.assertTextIncludes('User research')
  })

  test('retiring a skill keeps the requirements that refer to it', async ({ client, assert }) => {
    const { strategy, requirement, admin } = await smallFramework()
    await submitAs(client, admin).post(`/framework/admin/skills/${strategy.id}/retire`)
    await strategy.refresh()
    assert.isNotNull(strategy.retiredAt)
    assert.isNotNull(await RoleRequirement.find(requirement.id))
    assert.lengthOf(await AuditEvent.query().where({ actor_id: admin.id, action: 'delete' }), 0)
  })
})
