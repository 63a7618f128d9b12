import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createRole } from '#database/factories/framework_factory'
import RoleAssignment from '#models/role_assignment'
import { submitAs } from '#tests/support/forms'
import { proposedRoleLevel } from '#tests/support/role_levels'
import { managerAndReport } from '#tests/support/fixtures/line_management'

async function framework() {
  const { levels } = await createRole({
    role: 'Delivery manager',
    levels: [
      { name: 'Associate delivery manager', needs: { 'Agile working': 2 } },
      { name: 'Delivery manager', needs: { 'Agile working': 3 } },
      { name: 'Senior delivery manager', needs: { 'Agile working': 4 } },
    ],
  })
  return levels
}

test.group('Role assignment', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person proposes their current and target role levels, grouped by role on the page', async ({
    client,
    assert,
  }) => {
    const [associate, plain] = await framework()
    const person = await createUser()
    const page = await client.get('/capability/role').loginAs(person)
    page.assertStatus(200)
    page.assertTextIncludes('<optgroup label="Delivery manager">')

    const response = await submitAs(client, person).post('/capability/role', {
      currentRoleLevelId: associate.id,
      targetRoleLevelId: plain.id,
    })
    response.assertStatus(302)
    response.assertHeader('location', '/capability/role')
    const rows = await RoleAssignment.query().where('user_id', person.id).orderBy('kind')
    assert.deepEqual(
      rows.map((row) => [row.kind, row.roleLevelId, row.status, row.activeKind]),
      [
        ['current', associate.id, 'proposed', 'current'],
        ['target', plain.id, 'proposed', 'target'],
      ]
    )
  })

  test('without a current role level the form says to select one', async ({ client }) => {
    await framework()
    const person = await createUser()
    const response = await client
      .post('/capability/role')
      .withCsrfToken()
      .loginAs(person)
      .header('referer', '/capability/role')
      .form({ currentRoleLevelId: '' })
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      currentRoleLevelId: ['Select the role level you are at now'],
    })
  })

  test('changing the current role level ends the previous one and keeps it as history', async ({
    client,
    assert,
  }) => {
    const [associate, plain] = await framework()
    const person = await createUser()
    for (const level of [associate, plain]) {
      await submitAs(client, person).post('/capability/role', { currentRoleLevelId: level.id })
    }
    const rows = await RoleAssignment.query().where('user_id', person.id).orderBy('id')
    assert.lengthOf(rows, 2)
    assert.equal(rows[0].status, 'ended')
    assert.isNull(rows[0].activeKind)
    assert.isNotNull(rows[0].endedAt)
    assert.equal(rows[1].roleLevelId, plain.id)
    assert.equal(rows[1].activeKind, 'current')

    await assertPageIncludes(client, person, '/capability/role', [
      'Associate delivery manager (Delivery manager)',
      'Ended',
    ])
  })

  test('the line manager confirms a direct report’s proposed role level from validations', async ({
    client,
    assert,
  }) => {
    const [associate] = await framework()
    const { organisation, manager, report: person } = await managerAndReport()
    const assignment = await proposedRoleLevel(client, person, associate.id)

    const queue = await client.get('/capability/validations').loginAs(manager)
    queue.assertTextIncludes(`action="/capability/validations/roles/${assignment.id}"`)

    const stranger = await createUser({ organisation })
    const refused = await client
      .post(`/capability/validations/roles/${assignment.id}`)
      .withCsrfToken()
      .loginAs(stranger)
    refused.assertStatus(404)

    const response = await submitAs(client, manager).post(
      `/capability/validations/roles/${assignment.id}`
    )
    response.assertHeader('location', '/capability/validations')
    await assignment.refresh()
    assert.equal(assignment.status, 'confirmed')
    assert.equal(assignment.confirmedBy, manager.id)
    assert.isNotNull(assignment.confirmedAt)
  })

  test('department HR sets a confirmed role level for a person in their scope, but not outside it', async ({
    client,
    assert,
  }) => {
    const [, plain] = await framework()
    const organisation = await OrganisationFactory.create()
    const hr = await createUser({ organisation, roles: ['department_hr'] })
    const person = await createUser({ organisation })
    const outsider = await createUser()

    const page = await client.get(`/capability/people/${person.id}/role`).loginAs(hr)
    page.assertStatus(200)
    const response = await submitAs(client, hr).post(`/capability/people/${person.id}/role`, {
      currentRoleLevelId: plain.id,
    })
    response.assertHeader('location', `/capability/people/${person.id}/role`)
    const row = await RoleAssignment.query().where('user_id', person.id).firstOrFail()
    assert.equal(row.status, 'confirmed')
    assert.equal(row.confirmedBy, hr.id)

    const outside = await client.get(`/capability/people/${outsider.id}/role`).loginAs(hr)
    outside.assertStatus(404)
    const posted = await client
      .post(`/capability/people/${outsider.id}/role`)
      .withCsrfToken()
      .loginAs(hr)
      .form({ currentRoleLevelId: plain.id })
    posted.assertStatus(404)
  })

  test('a learner cannot open another person’s role page', async ({ client }) => {
    const person = await createUser()
    const other = await createUser()
    const response = await client.get(`/capability/people/${other.id}/role`).loginAs(person)
    response.assertStatus(404)
  })
})
