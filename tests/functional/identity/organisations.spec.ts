import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: loading #models/organisation before #models/user trips the
// models' import cycle (audited_model → audit → audit_event → user → audited_model).
import { createUser } from '#database/factories/user_factory'
import Organisation from '#models/organisation'
import AuditEvent from '#models/audit_event'
import { createChildOrganisation } from '#database/factories/organisation_factory'
import { twoDepartments, type TwoDepartmentsOptions } from '#tests/support/fixtures/departments'
import { createTeam } from '#database/factories/fast_stream_factory'
import { submitAs } from '#tests/support/forms'
import { type FormChange, assertPagesAndChangesAnswer } from '#tests/support/page_access'

/* Two departments, each with an agency, and the people who administer them. */
const DEPARTMENTS = {
  departmentA: { name: 'Department Alpha', code: 'dept-alpha' },
  agencyA: { name: 'Alpha Agency', code: 'alpha-agency' },
  departmentB: { name: 'Department Beta', code: 'dept-beta' },
  agencyB: { name: 'Beta Agency', code: 'beta-agency' },
  admin: {},
} satisfies TwoDepartmentsOptions

test.group('Organisations: the tree', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin sees every organisation, nested, with people and team counts', async ({
    client,
    assert,
  }) => {
    const { departmentA, agencyA, admin } = await twoDepartments(DEPARTMENTS)
    await createTeam(agencyA, 'Payments', { location: null })
    await createTeam(agencyA, 'Identity', { location: null })
    await createUser({ organisation: agencyA })

    const response = await client.get('/admin/organisations').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('Department Alpha')
    response.assertTextIncludes('Department Beta')
    response.assertTextIncludes(', part of Department Alpha')
    response.assertTextIncludes(`href="/admin/organisations/${departmentA.id}"`)
    response.assertTextIncludes('Add an organisation')
    const text = response.text()
    const row = text.slice(text.indexOf('>Alpha Agency<'))
    const cells = [...row.matchAll(/<td class="text-right">(\d+)<\/td>/g)]
      .slice(0, 2)
      .map((m) => m[1])
    assert.deepEqual(cells, ['1', '2'], 'one person and two teams in Alpha Agency')
  })

  test('the tree lists each organisation straight after the one it is part of', async ({
    client,
    assert,
  }) => {
    const { admin } = await twoDepartments(DEPARTMENTS)
    const response = await client.get('/admin/organisations').loginAs(admin)
    const text = response.text()
    const positions = ['Department Alpha', 'Alpha Agency', 'Department Beta', 'Beta Agency'].map(
      (name) => text.indexOf(`>${name}<`)
    )
    assert.isTrue(positions.every((position) => position > 0))
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions
    )
  })

  test('department HR see only their own department’s tree', async ({ client, assert }) => {
    const { hrA } = await twoDepartments(DEPARTMENTS)
    const response = await client.get('/admin/organisations').loginAs(hrA)
    response.assertStatus(200)
    response.assertTextIncludes('Department Alpha')
    response.assertTextIncludes('Alpha Agency')
    assert.notInclude(response.text(), 'Department Beta')
    assert.notInclude(response.text(), 'Beta Agency')
    assert.notInclude(response.text(), 'Add an organisation')
  })

  test('department HR can open an organisation in their subtree but not change it', async ({
    client,
    assert,
  }) => {
    const { agencyA, hrA } = await twoDepartments(DEPARTMENTS)
    const response = await client.get(`/admin/organisations/${agencyA.id}`).loginAs(hrA)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Alpha Agency</h1>')
    response.assertTextIncludes('Add a team')
    assert.notInclude(response.text(), `/admin/organisations/${agencyA.id}/edit`)

    const edit = await client.get(`/admin/organisations/${agencyA.id}/edit`).loginAs(hrA)
    edit.assertStatus(403)
  })

  test('department HR get "not found" for another department and its agencies', async ({
    client,
    assert,
  }) => {
    const { departmentB, agencyB, hrA } = await twoDepartments(DEPARTMENTS)
    for (const url of [
      `/admin/organisations/${departmentB.id}`,
      `/admin/organisations/${agencyB.id}`,
      `/admin/organisations/${departmentB.id}/edit`,
    ]) {
      const response = await client.get(url).loginAs(hrA)
      response.assertStatus(404)
      assert.notInclude(response.text(), 'Department Beta')
    }
    const update = await submitAs(client, hrA).put(`/admin/organisations/${agencyB.id}`, {
      code: 'beta-agency',
      name: 'Taken over',
      type: 'agency',
    })
    update.assertStatus(404)
    await agencyB.refresh()
    assert.equal(agencyB.name, 'Beta Agency')
  })

  test('an unknown organisation is answered "not found"', async ({ client }) => {
    const { admin } = await twoDepartments(DEPARTMENTS)
    const response = await client.get('/admin/organisations/999999').loginAs(admin)
    response.assertStatus(404)
  })

  test('a learner is refused every organisation page', async ({ client, assert }) => {
    const { departmentA } = await twoDepartments(DEPARTMENTS)
    const learner = await createUser({ roles: ['learner'], organisation: departmentA })
    const pages = [
      '/admin/organisations',
      '/admin/organisations/create',
      `/admin/organisations/${departmentA.id}`,
      `/admin/organisations/${departmentA.id}/edit`,
    ]
    const changes: FormChange[] = [
      [
        'post',
        '/admin/organisations',
        { code: 'learner-org', name: 'Learner org', type: 'agency' },
      ],
    ]
    await assertPagesAndChangesAnswer(assert, client, learner, { pages, changes }, 403)
  })

  test('someone not signed in is sent to sign in', async ({ client }) => {
    const { departmentA } = await twoDepartments(DEPARTMENTS)
    for (const url of [
      '/admin/organisations',
      `/admin/organisations/${departmentA.id}`,
      '/admin/organisations/create',
    ]) {
      const response = await client.get(url)
      response.assertRedirectsTo('/sign-in')
      response.assertTextIncludes('<h1>Sign in</h1>')
    }
  })
})

test.group('Organisations: adding and changing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin adds an organisation under a parent and the change is audited', async ({
    client,
    assert,
  }) => {
    const { departmentA, admin } = await twoDepartments(DEPARTMENTS)
    const form = await client
      .get(`/admin/organisations/create?parentId=${departmentA.id}`)
      .loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Add an organisation</h1>')
    form.assertTextIncludes(`<option value="${departmentA.id}" selected>`)

    const response = await submitAs(client, admin).post('/admin/organisations', {
      code: 'alpha-digital',
      name: 'Alpha Digital',
      type: 'directorate',
      parentId: String(departmentA.id),
      isTransactional: '1',
    })

    const created = await Organisation.findByOrFail('code', 'alpha-digital')
    response.assertStatus(302)
    response.assertHeader('location', `/admin/organisations/${created.id}`)
    response.assertFlashMessage('success', 'Organisation created')
    assert.equal(created.parentId, departmentA.id)
    assert.equal(created.path, `/${departmentA.id}/`)
    assert.equal(created.depth, 1)
    assert.isTrue(created.isTransactional)

    const event = await AuditEvent.query()
      .where({ action: 'create', subject_type: 'organisation', subject_id: String(created.id) })
      .firstOrFail()
    assert.equal(event.actorId, admin.id)
    assert.equal(event.afterValues.code, 'alpha-digital')
    assert.equal(event.afterValues.path, `/${departmentA.id}/`)
  })

  test('an organisation with no parent sits at the top of the tree', async ({ client, assert }) => {
    const { admin } = await twoDepartments(DEPARTMENTS)
    await submitAs(client, admin).post('/admin/organisations', {
      code: 'new-dept',
      name: 'New Department',
      type: 'ministerial_department',
      parentId: '',
    })
    const created = await Organisation.findByOrFail('code', 'new-dept')
    assert.isNull(created.parentId)
    assert.equal(created.path, '/')
    assert.equal(created.depth, 0)
    assert.isFalse(created.isTransactional)
  })

  test('an empty form gets a specific message for each field', async ({ client }) => {
    const { admin } = await twoDepartments(DEPARTMENTS)
    const response = await submitAs(client, admin).post('/admin/organisations', {})
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      code: ['Enter a code'],
      name: ['Enter the name of the organisation'],
      type: ['Select a type of organisation'],
    })
  })

  test('a code with capitals or spaces is refused with a message that says what is allowed', async ({
    client,
    assert,
  }) => {
    const { admin } = await twoDepartments(DEPARTMENTS)
    const response = await submitAs(client, admin).post('/admin/organisations', {
      code: 'Bad Code',
      name: 'Somewhere',
      type: 'agency',
    })
    response.assertFlashMessage('inputErrorsBag', {
      code: ['Code must use lowercase letters, numbers and hyphens only'],
    })
    assert.isNull(await Organisation.findBy('name', 'Somewhere'))
  })

  test('a code already in use is refused on the code field, keeping what was typed', async ({
    client,
    assert,
  }) => {
    const { admin } = await twoDepartments(DEPARTMENTS)
    const response = await submitAs(client, admin).post('/admin/organisations', {
      code: 'dept-beta',
      name: 'Copy of Beta',
      type: 'agency',
    })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      code: ['An organisation with this code already exists'],
    })
    response.assertFlashMessage('name', 'Copy of Beta')
    assert.isNull(await Organisation.findBy('name', 'Copy of Beta'))
  })

  test('the form shows errors in a summary, keeps the values and titles the page "Error:"', async ({
    client,
  }) => {
    const { admin } = await twoDepartments(DEPARTMENTS)
    const response = await client
      .get('/admin/organisations/create')
      .loginAs(admin)
      .withSession({ _flash: {} })
      .withFlashMessages({
        inputErrorsBag: { code: ['An organisation with this code already exists'] },
        code: 'dept-beta',
        name: 'Copy of Beta',
      })
    response.assertTextIncludes('<title>Error: Add an organisation')
    response.assertTextIncludes('There is a problem')
    response.assertTextIncludes('href="#field-code"')
    response.assertTextIncludes('value="Copy of Beta"')
  })

  test('a capability admin renames an organisation and the trail keeps the old and new names', async ({
    client,
    assert,
  }) => {
    const { agencyA, departmentA, admin } = await twoDepartments(DEPARTMENTS)
    const form = await client.get(`/admin/organisations/${agencyA.id}/edit`).loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('value="Alpha Agency"')

    const response = await submitAs(client, admin).put(`/admin/organisations/${agencyA.id}`, {
      code: 'alpha-agency',
      name: 'Alpha Services Agency',
      type: 'agency',
      parentId: String(departmentA.id),
    })
    response.assertHeader('location', `/admin/organisations/${agencyA.id}`)
    response.assertFlashMessage('success', 'Organisation updated')
    await agencyA.refresh()
    assert.equal(agencyA.name, 'Alpha Services Agency')

    const event = await AuditEvent.query()
      .where({ action: 'update', subject_type: 'organisation', subject_id: String(agencyA.id) })
      .firstOrFail()
    assert.deepEqual(event.beforeValues, { name: 'Alpha Agency' })
    assert.deepEqual(event.afterValues, { name: 'Alpha Services Agency' })
  })

  test('moving an organisation recomputes the path and depth of its whole subtree', async ({
    client,
    assert,
  }) => {
    const { agencyA, departmentB, admin } = await twoDepartments(DEPARTMENTS)
    const directorate = await createChildOrganisation(agencyA, {
      name: 'Alpha Directorate',
      type: 'directorate',
    })
    const unit = await createChildOrganisation(directorate, {
      name: 'Alpha Unit',
      type: 'directorate',
    })
    const originalUnitPath = `/${agencyA.parentId}/${agencyA.id}/${directorate.id}/`
    assert.equal(unit.path, originalUnitPath)

    const response = await submitAs(client, admin).put(`/admin/organisations/${agencyA.id}`, {
      code: 'alpha-agency',
      name: 'Alpha Agency',
      type: 'agency',
      parentId: String(departmentB.id),
    })
    response.assertHeader('location', `/admin/organisations/${agencyA.id}`)
    response.assertFlashMessage(
      'success',
      'Organisation updated: 2 sub-organisations moved with it'
    )

    await Promise.all([agencyA.refresh(), directorate.refresh(), unit.refresh()])
    assert.equal(agencyA.parentId, departmentB.id)
    assert.equal(agencyA.path, `/${departmentB.id}/`)
    assert.equal(directorate.path, `/${departmentB.id}/${agencyA.id}/`)
    assert.equal(unit.path, `/${departmentB.id}/${agencyA.id}/${directorate.id}/`)
    assert.deepEqual([agencyA.depth, directorate.depth, unit.depth], [1, 2, 3])

    const unitEvent = await AuditEvent.query()
      .where({ action: 'update', subject_type: 'organisation', subject_id: String(unit.id) })
      .firstOrFail()
    assert.equal(unitEvent.actorId, admin.id)
    assert.equal(unitEvent.beforeValues.path, originalUnitPath)
    assert.equal(unitEvent.afterValues.path, unit.path)
    const movedEvent = await AuditEvent.query()
      .where({ action: 'update', subject_type: 'organisation', subject_id: String(agencyA.id) })
      .firstOrFail()
    assert.equal(movedEvent.afterValues.parentId, departmentB.id)
  })

  test('moving a department to the top of the tree moves its agencies up with it', async ({
    client,
    assert,
  }) => {
    const { agencyA, admin } = await twoDepartments(DEPARTMENTS)
    const directorate = await createChildOrganisation(agencyA, { type: 'directorate' })
    await submitAs(client, admin).put(`/admin/organisations/${agencyA.id}`, {
      code: 'alpha-agency',
      name: 'Alpha Agency',
      type: 'agency',
      parentId: '',
    })
    await Promise.all([agencyA.refresh(), directorate.refresh()])
    assert.equal(agencyA.path, '/')
    assert.equal(agencyA.depth, 0)
    assert.equal(directorate.path, `/${agencyA.id}/`)
    assert.equal(directorate.depth, 1)
  })

  test('an organisation cannot be moved under one of its own sub-organisations', async ({
    client,
    assert,
  }) => {
    const { departmentA, agencyA, admin } = await twoDepartments(DEPARTMENTS)
    const grandchild = await createChildOrganisation(agencyA, { type: 'directorate' })
    for (const parentId of [grandchild.id, departmentA.id]) {
      const response = await submitAs(client, admin).put(`/admin/organisations/${departmentA.id}`, {
        code: departmentA.code,
        name: departmentA.name,
        type: departmentA.type,
        parentId: String(parentId),
      })
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', {
        parentId: [
          'An organisation cannot be part of itself or of one of its own sub-organisations',
        ],
      })
    }
    await Promise.all([departmentA.refresh(), grandchild.refresh()])
    assert.isNull(departmentA.parentId)
    assert.equal(departmentA.path, '/')
    assert.equal(grandchild.path, `/${departmentA.id}/${agencyA.id}/`)
    const events = await AuditEvent.query().where({
      subject_type: 'organisation',
      action: 'update',
    })
    assert.lengthOf(events, 0)
  })

  test('the edit form does not offer the organisation or its sub-organisations as a parent', async ({
    client,
    assert,
  }) => {
    const { departmentA, agencyA, departmentB, admin } = await twoDepartments(DEPARTMENTS)
    const response = await client.get(`/admin/organisations/${departmentA.id}/edit`).loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes(`<option value="${departmentB.id}"`)
    assert.notInclude(response.text(), `<option value="${agencyA.id}"`)
    assert.notInclude(response.text(), `<option value="${departmentA.id}"`)
  })

  test('department HR cannot add or change organisations, even their own', async ({
    client,
    assert,
  }) => {
    const { departmentA, hrA } = await twoDepartments(DEPARTMENTS)
    const create = await client.get('/admin/organisations/create').loginAs(hrA)
    create.assertStatus(403)
    const store = await submitAs(client, hrA).post('/admin/organisations', {
      code: 'hr-made',
      name: 'HR made',
      type: 'directorate',
      parentId: String(departmentA.id),
    })
    store.assertStatus(403)
    const update = await submitAs(client, hrA).put(`/admin/organisations/${departmentA.id}`, {
      code: 'dept-alpha',
      name: 'Renamed by HR',
      type: 'ministerial_department',
    })
    update.assertStatus(403)
    assert.isNull(await Organisation.findBy('code', 'hr-made'))
    await departmentA.refresh()
    assert.equal(departmentA.name, 'Department Alpha')
  })

  test('a change sent without the CSRF token changes nothing', async ({ client, assert }) => {
    const { agencyA, admin } = await twoDepartments(DEPARTMENTS)
    const store = await client
      .post('/admin/organisations')
      .loginAs(admin)
      .form({ code: 'no-token', name: 'No token', type: 'agency' })
      .redirects(0)
    assert.notEqual(store.status(), 200)
    const update = await client
      .put(`/admin/organisations/${agencyA.id}`)
      .loginAs(admin)
      .form({ code: 'alpha-agency', name: 'Forged', type: 'agency' })
      .redirects(0)
    assert.notEqual(update.status(), 200)
    assert.isNull(await Organisation.findBy('code', 'no-token'))
    await agencyA.refresh()
    assert.equal(agencyA.name, 'Alpha Agency')
  })
})
