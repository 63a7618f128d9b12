import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import {
  createCohort,
  createEntrant,
  createPlacement,
  createRound,
  createScheme,
  createTeam,
  createTeamLead,
} from '#database/factories/fast_stream_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import FastStreamScheme from '#models/fast_stream_scheme'
import FastStreamCohort from '#models/fast_stream_cohort'
import AuditEvent from '#models/audit_event'
import { submitAs } from '#tests/support/forms'

test.group('Fast Stream admin: home, schemes and cohorts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners and team leads are refused every admin page with 403', async ({
    client,
    assert,
  }) => {
    const learner = await createUser({ roles: ['learner'] })
    const team = await createTeam()
    const lead = await createTeamLead(team)
    const scheme = await createScheme()
    for (const user of [learner, lead]) {
      for (const url of [
        '/fast-stream/admin',
        '/fast-stream/admin/schemes',
        '/fast-stream/admin/schemes/create',
        `/fast-stream/admin/schemes/${scheme.id}/edit`,
        '/fast-stream/admin/cohorts',
        '/fast-stream/admin/cohorts/create',
      ]) {
        const response = await client.get(url).loginAs(user)
        response.assertStatus(403)
      }
      const post = await submitAs(client, user).post('/fast-stream/admin/schemes', {
        name: 'Sneaky scheme',
      })
      post.assertStatus(403)
    }
    assert.isNull(await FastStreamScheme.findBy('name', 'Sneaky scheme'))
  })

  test('the home page counts rounds, entrants, schemes and cohorts', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const scheme = await createScheme('Digital and Technology')
    const cohort = await createCohort(2013)
    const department = await OrganisationFactory.create()
    await createEntrant({ scheme, cohort })
    await createEntrant({ scheme, cohort })
    await createEntrant({
      scheme,
      cohort,
      postings: [{ organisation: department, digital: true }],
    })
    const round = await createRound()
    await createPlacement(round, { status: 'offered' })
    await createPlacement(round, { status: 'approved' })
    await createRound({ status: 'published' })

    const response = await client.get('/fast-stream/admin').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Fast Stream</h1>')
    const text = response.text().replace(/\s+/g, ' ')
    assert.include(
      text,
      'Placement rounds</a> <span class="block text-3xl font-bold">2</span> 1 open, 1 placement waiting for approval'
    )
    assert.include(text, 'Entrants</a> <span class="block text-3xl font-bold">3</span>')
    assert.include(text, '2 without a digital posting yet')
  })

  test('a capability admin may use the admin pages too', async ({ client }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const response = await client.get('/fast-stream/admin/schemes').loginAs(admin)
    response.assertStatus(200)
  })

  test('adding a scheme lists it with its entrants and audits it', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const response = await submitAs(client, admin).post('/fast-stream/admin/schemes', {
      name: '  Digital, Data and Technology ',
      description: 'The digital scheme.',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/fast-stream/admin/schemes')
    response.assertFlashMessage('success', 'Scheme added: Digital, Data and Technology')
    const scheme = await FastStreamScheme.findByOrFail('name', 'Digital, Data and Technology')
    await createEntrant({ scheme })
    await assertPageIncludes(client, admin, '/fast-stream/admin/schemes', [
      'Digital, Data and Technology<span class="sr-only">: change</span>',
      `/fast-stream/admin/entrants?schemeId=${scheme.id}">1<span`,
    ])
    const event = await AuditEvent.query()
      .where({ subject_type: 'fast_stream_scheme', subject_id: String(scheme.id) })
      .firstOrFail()
    assert.equal(event.action, 'create')
    assert.equal(event.actorId, admin.id)
  })

  test('scheme names are required and unique whatever their case', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    await createScheme('Generalist')
    const blank = await submitAs(client, admin).post('/fast-stream/admin/schemes', { name: '' })
    blank.assertFlashMessage('inputErrorsBag', { name: ['Enter the name of the scheme'] })
    const taken = await submitAs(client, admin).post('/fast-stream/admin/schemes', {
      name: 'GENERALIST',
    })
    taken.assertStatus(302)
    taken.assertFlashMessage('inputErrorsBag', {
      name: ['There is already a scheme with this name'],
    })
    const schemes = await FastStreamScheme.all()
    assert.deepEqual(
      schemes.map((scheme) => scheme.name),
      ['Generalist']
    )
  })

  test('renaming a scheme keeps its id; another scheme’s name is refused', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const scheme = await createScheme('Generalist')
    await createScheme('Science and Engineering')
    const form = await client.get(`/fast-stream/admin/schemes/${scheme.id}/edit`).loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Change Generalist</h1>')
    const renamed = await submitAs(client, admin).put(`/fast-stream/admin/schemes/${scheme.id}`, {
      name: 'Generalist (central)',
    })
    renamed.assertFlashMessage('success', 'Scheme updated: Generalist (central)')
    const clash = await submitAs(client, admin).put(`/fast-stream/admin/schemes/${scheme.id}`, {
      name: 'science and engineering',
    })
    clash.assertFlashMessage('inputErrorsBag', {
      name: ['There is already a scheme with this name'],
    })
    await scheme.refresh()
    assert.equal(scheme.name, 'Generalist (central)')
    const missing = await client.get('/fast-stream/admin/schemes/999999/edit').loginAs(admin)
    missing.assertStatus(404)
  })

  test('a cohort’s intake year must be a year from 2000 to 2100', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    for (const [intakeYear, message] of [
      ['', 'Enter the intake year'],
      ['twenty', 'Enter the intake year as a year, like 2013'],
      ['2013.5', 'Enter the intake year as a year, like 2013'],
      ['1999', 'The intake year must be between 2000 and 2100'],
      ['2101', 'The intake year must be between 2000 and 2100'],
    ]) {
      const response = await submitAs(client, admin).post('/fast-stream/admin/cohorts', {
        name: '2013 intake',
        intakeYear,
      })
      response.assertFlashMessage('inputErrorsBag', { intakeYear: [message] })
    }
    const saved = await submitAs(client, admin).post('/fast-stream/admin/cohorts', {
      name: '2013 intake',
      intakeYear: '2013',
    })
    saved.assertHeader('location', '/fast-stream/admin/cohorts')
    const cohort = await FastStreamCohort.findByOrFail('name', '2013 intake')
    assert.equal(cohort.intakeYear, 2013)
    const duplicate = await submitAs(client, admin).post('/fast-stream/admin/cohorts', {
      name: '2013 Intake',
      intakeYear: '2014',
    })
    duplicate.assertFlashMessage('inputErrorsBag', {
      name: ['There is already a cohort with this name'],
    })
  })

  test('cohorts are listed newest intake first with their entrants; one can be changed', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const older = await createCohort(2012, 'Intake of 2012')
    const newer = await createCohort(2014, 'Intake of 2014')
    await createEntrant({ cohort: older })
    const list = await client.get('/fast-stream/admin/cohorts').loginAs(admin)
    list.assertStatus(200)
    const text = list.text()
    assert.isBelow(text.indexOf('Intake of 2014'), text.indexOf('Intake of 2012'))
    list.assertTextIncludes(`/fast-stream/admin/entrants?cohortId=${older.id}">1<span`)
    const changed = await submitAs(client, admin).put(`/fast-stream/admin/cohorts/${newer.id}`, {
      name: 'Intake of 2014',
      intakeYear: '2015',
    })
    changed.assertFlashMessage('success', 'Cohort updated: Intake of 2014')
    await newer.refresh()
    assert.equal(newer.intakeYear, 2015)
  })
})
