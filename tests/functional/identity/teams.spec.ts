import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: loading #models/organisation before #models/user trips the
// models' import cycle (audited_model → audit → audit_event → user → audited_model).
import { createUser } from '#database/factories/user_factory'
import AuditEvent from '#models/audit_event'
import Team from '#models/team'
import Placement from '#models/placement'
import { createPlacement, createRound, createTeam } from '#database/factories/fast_stream_factory'
import { ALPHA_AND_BETA, twoDepartments } from '#tests/support/fixtures/departments'
import { submitAs } from '#tests/support/forms'
import {
  type FormChange,
  assertPageIncludes,
  assertPagesAndChangesAnswer,
  assertPagesNeedSignIn,
} from '#tests/support/page_access'

/* Two departments with an agency each, a team in each agency, and department A's HR. */
async function departmentsWithTeams() {
  const departments = await twoDepartments(ALPHA_AND_BETA)
  const teamA = await createTeam(departments.agencyA, 'Alpha Payments', { location: 'Leeds' })
  const teamB = await createTeam(departments.agencyB, 'Beta Payments', { location: 'Bristol' })
  return { ...departments, teamA, teamB }
}

/* The team is still there and no team's deletion was audited. */
async function assertTeamKept(assert: Assert, team: Team) {
  assert.isNotNull(await Team.find(team.id))
  const deletes = await AuditEvent.query().where({ action: 'delete', subject_type: 'team' })
  assert.lengthOf(deletes, 0)
}

test.group('Delivery teams', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR add a team to an agency in their department and the change is audited', async ({
    client,
    assert,
  }) => {
    const { agencyA, hrA } = await departmentsWithTeams()
    const form = await client.get(`/admin/organisations/${agencyA.id}/teams/create`).loginAs(hrA)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Add a team</h1>')
    form.assertTextIncludes('Alpha Agency')

    const response = await submitAs(client, hrA).post(`/admin/organisations/${agencyA.id}/teams`, {
      name: 'Alpha Identity',
      location: 'Newcastle',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/admin/organisations/${agencyA.id}`)
    response.assertFlashMessage('success', 'Team added: Alpha Identity')

    const team = await Team.query()
      .where({ organisation_id: agencyA.id, name: 'Alpha Identity' })
      .firstOrFail()
    assert.equal(team.location, 'Newcastle')
    const event = await AuditEvent.query()
      .where({ action: 'create', subject_type: 'team', subject_id: String(team.id) })
      .firstOrFail()
    assert.equal(event.actorId, hrA.id)
    assert.equal(event.organisationId, agencyA.id)
    assert.equal(event.afterValues.name, 'Alpha Identity')

    await assertPageIncludes(client, hrA, `/admin/organisations/${agencyA.id}`, [
      'Alpha Identity',
      'Newcastle',
    ])
  })

  test('department HR rename a team and the trail keeps the old and new values', async ({
    client,
    assert,
  }) => {
    const { agencyA, teamA, hrA } = await departmentsWithTeams()
    const form = await client.get(`/admin/teams/${teamA.id}/edit`).loginAs(hrA)
    form.assertStatus(200)
    form.assertTextIncludes('value="Alpha Payments"')

    const response = await submitAs(client, hrA).put(`/admin/teams/${teamA.id}`, {
      name: 'Alpha Payments and Refunds',
      location: '',
    })
    response.assertHeader('location', `/admin/organisations/${agencyA.id}`)
    response.assertFlashMessage('success', 'Team updated: Alpha Payments and Refunds')
    await teamA.refresh()
    assert.equal(teamA.name, 'Alpha Payments and Refunds')
    assert.isNull(teamA.location)

    const event = await AuditEvent.query()
      .where({ action: 'update', subject_type: 'team', subject_id: String(teamA.id) })
      .firstOrFail()
    assert.deepEqual(event.beforeValues, { name: 'Alpha Payments', location: 'Leeds' })
    assert.deepEqual(event.afterValues, { name: 'Alpha Payments and Refunds', location: null })
  })

  test('department HR delete an empty team and are told which team went', async ({
    client,
    assert,
  }) => {
    const { agencyA, teamA, hrA } = await departmentsWithTeams()
    const response = await submitAs(client, hrA).delete(`/admin/teams/${teamA.id}`)
    response.assertStatus(302)
    response.assertHeader('location', `/admin/organisations/${agencyA.id}`)
    response.assertFlashMessage('success', 'Team deleted: Alpha Payments')
    assert.isNull(await Team.find(teamA.id))

    const event = await AuditEvent.query()
      .where({ action: 'delete', subject_type: 'team', subject_id: String(teamA.id) })
      .firstOrFail()
    assert.equal(event.beforeValues.name, 'Alpha Payments')
    assert.equal(event.organisationId, agencyA.id)
  })

  test('a team with people in it cannot be deleted, and the message says how many', async ({
    client,
    assert,
  }) => {
    const { agencyA, teamA, hrA } = await departmentsWithTeams()
    await createUser({ organisation: agencyA, overrides: { teamId: teamA.id } })
    await createUser({ organisation: agencyA, overrides: { teamId: teamA.id } })

    const response = await submitAs(client, hrA).delete(`/admin/teams/${teamA.id}`)
    response.assertStatus(302)
    response.assertFlashMessage(
      'error',
      'Alpha Payments cannot be deleted because 2 people are in it. Move them to another team first'
    )
    await assertTeamKept(assert, teamA)
  })

  test('a team that offered a Fast Stream placement cannot be deleted, and nothing is lost', async ({
    client,
    assert,
  }) => {
    const { teamA, hrA } = await departmentsWithTeams()
    const round = await createRound()
    const placement = await createPlacement(round, { team: teamA })

    const response = await submitAs(client, hrA).delete(`/admin/teams/${teamA.id}`)
    response.assertStatus(302)
    response.assertFlashMessage(
      'error',
      'Alpha Payments cannot be deleted because it has 1 Fast Stream placement on record. Rename it instead'
    )
    await assertTeamKept(assert, teamA)
    assert.isNotNull(await Placement.find(placement.id))
  })

  test('a team name already used in the same organisation is refused, whatever its case', async ({
    client,
    assert,
  }) => {
    const { agencyA, hrA } = await departmentsWithTeams()
    const response = await submitAs(client, hrA).post(`/admin/organisations/${agencyA.id}/teams`, {
      name: 'alpha payments',
    })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      name: ['A team with this name already exists in this organisation'],
    })
    response.assertFlashMessage('name', 'alpha payments')
    const teams = await Team.query().where('organisation_id', agencyA.id)
    assert.lengthOf(teams, 1)
  })

  test('the same team name can be used in another organisation', async ({ client, assert }) => {
    const { departmentA, hrA } = await departmentsWithTeams()
    const response = await submitAs(client, hrA).post(
      `/admin/organisations/${departmentA.id}/teams`,
      { name: 'Alpha Payments' }
    )
    response.assertFlashMessage('success', 'Team added: Alpha Payments')
    assert.isNotNull(
      await Team.query().where({ organisation_id: departmentA.id, name: 'Alpha Payments' }).first()
    )
  })

  test('renaming a team to the name of another team in its organisation is refused', async ({
    client,
    assert,
  }) => {
    const { agencyA, teamA, hrA } = await departmentsWithTeams()
    await createTeam(agencyA, 'Alpha Identity', { location: null })
    const response = await submitAs(client, hrA).put(`/admin/teams/${teamA.id}`, {
      name: 'Alpha Identity',
    })
    response.assertFlashMessage('inputErrorsBag', {
      name: ['A team with this name already exists in this organisation'],
    })
    await teamA.refresh()
    assert.equal(teamA.name, 'Alpha Payments')
  })

  test('a team without a name is refused with a specific message', async ({ client }) => {
    const { agencyA, hrA } = await departmentsWithTeams()
    const response = await submitAs(client, hrA).post(`/admin/organisations/${agencyA.id}/teams`, {
      name: '',
      location: 'Leeds',
    })
    response.assertFlashMessage('inputErrorsBag', { name: ['Enter a team name'] })
  })

  test('department HR get "not found" for another department’s teams', async ({
    client,
    assert,
  }) => {
    const { agencyB, teamB, hrA } = await departmentsWithTeams()
    for (const url of [
      `/admin/organisations/${agencyB.id}/teams/create`,
      `/admin/teams/${teamB.id}/edit`,
    ]) {
      const response = await client.get(url).loginAs(hrA)
      response.assertStatus(404)
      assert.notInclude(response.text(), 'Beta Payments')
    }
    const store = await submitAs(client, hrA).post(`/admin/organisations/${agencyB.id}/teams`, {
      name: 'Planted team',
    })
    store.assertStatus(404)
    const update = await submitAs(client, hrA).put(`/admin/teams/${teamB.id}`, { name: 'Hijacked' })
    update.assertStatus(404)
    const destroy = await submitAs(client, hrA).delete(`/admin/teams/${teamB.id}`)
    destroy.assertStatus(404)

    await teamB.refresh()
    assert.equal(teamB.name, 'Beta Payments')
    assert.isNull(await Team.findBy('name', 'Planted team'))
  })

  test('a capability admin manages teams in any department', async ({ client, assert }) => {
    const { agencyB, teamB } = await departmentsWithTeams()
    const admin = await createUser({ roles: ['capability_admin'] })
    const update = await submitAs(client, admin).put(`/admin/teams/${teamB.id}`, {
      name: 'Beta Payments',
      location: 'Cardiff',
    })
    update.assertHeader('location', `/admin/organisations/${agencyB.id}`)
    await teamB.refresh()
    assert.equal(teamB.location, 'Cardiff')
  })

  test('a learner is refused every team page and action', async ({ client, assert }) => {
    const { agencyA, teamA } = await departmentsWithTeams()
    const learner = await createUser({ roles: ['learner'], organisation: agencyA })
    const pages = [
      `/admin/organisations/${agencyA.id}/teams/create`,
      `/admin/teams/${teamA.id}/edit`,
    ]
    const changes: FormChange[] = [
      ['post', `/admin/organisations/${agencyA.id}/teams`, { name: 'Learner team' }],
      ['delete', `/admin/teams/${teamA.id}`, {}],
    ]
    await assertPagesAndChangesAnswer(assert, client, learner, { pages, changes }, 403)
    assert.isNotNull(await Team.find(teamA.id))
    assert.isNull(await Team.findBy('name', 'Learner team'))
  })

  test('someone not signed in is sent to sign in', async ({ client }) => {
    const { agencyA, teamA } = await departmentsWithTeams()
    await assertPagesNeedSignIn(client, [
      `/admin/organisations/${agencyA.id}/teams/create`,
      `/admin/teams/${teamA.id}/edit`,
    ])
  })

  test('a delete sent without the CSRF token changes nothing', async ({ client, assert }) => {
    const { teamA, hrA } = await departmentsWithTeams()
    const response = await client.delete(`/admin/teams/${teamA.id}`).loginAs(hrA).redirects(0)
    assert.notEqual(response.status(), 200)
    await assertTeamKept(assert, teamA)
  })
})
