import { test } from '@japa/runner'
import {
  type FormChange,
  assertPageIncludes,
  assertPagesAndChangesAnswer,
} from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser, grantRole, TEST_PASSWORD } from '#database/factories/user_factory'
import { createProvider } from '#database/factories/learning_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import User from '#models/user'
import UserRole from '#models/user_role'
import AuditEvent from '#models/audit_event'
import type { Role } from '#enums/roles'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { submitAs } from '#tests/support/forms'

/* DfT with DVLA below it, and HMRC: each department's HR, and a person in DVLA and in HMRC. */
async function departmentsWithPeople() {
  const {
    departmentA: dft,
    agencyA: dvla,
    departmentB: hmrc,
    hrA: dftHr,
    hrB: hmrcHr,
  } = await twoDepartments({
    departmentA: { code: 'dft-test' },
    agencyA: { code: 'dvla-test' },
    departmentB: { code: 'hmrc-test' },
    hrB: {},
    learners: true,
  })
  const dvlaPerson = await createUser({
    organisation: dvla,
    overrides: { fullName: 'Dora Vehicle' },
  })
  const hmrcPerson = await createUser({
    organisation: hmrc,
    overrides: { fullName: 'Henry Revenue' },
  })
  return { dft, dvla, hmrc, dftHr, hmrcHr, dvlaPerson, hmrcPerson }
}

const validPerson = (organisationId: number, extra: Record<string, unknown> = {}) => ({
  fullName: 'Margaret Hamilton',
  email: 'margaret.hamilton@example.gov.uk',
  password: 'a-long-initial-password',
  organisationId: String(organisationId),
  grade: 'G7',
  profession: 'digital',
  roles: ['learner'],
  ...extra,
})

test.group('People administration: access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('roles without administration are refused every admin page with 403', async ({ client }) => {
    const roles: Role[] = ['learner', 'course_admin', 'fast_stream_admin', 'team_lead']
    for (const role of roles) {
      const user = await createUser({ roles: [role] })
      for (const url of ['/admin/users', '/admin/users/create', `/admin/users/${user.id}`]) {
        const response = await client.get(url).loginAs(user)
        response.assertStatus(403)
        response.assertTextIncludes('You do not have permission to see this page')
      }
    }
  })

  test('every role reaches its home page and profile', async ({ client }) => {
    const roles: Role[] = [
      'capability_admin',
      'department_hr',
      'course_admin',
      'fast_stream_admin',
      'team_lead',
      'learner',
    ]
    for (const role of roles) {
      const user = await createUser({ roles: [role] })
      const home = await client.get('/').loginAs(user)
      home.assertStatus(200)
      const profile = await client.get('/profile').loginAs(user)
      profile.assertStatus(200)
    }
  })

  test('the header names the signed-in person and shows only the links their roles allow', async ({
    client,
    assert,
  }) => {
    const learner = await createUser({
      roles: ['learner'],
      overrides: { fullName: 'Lena Learner' },
    })
    const page = await client.get('/').loginAs(learner)
    page.assertTextIncludes('Signed in as Lena Learner')
    page.assertTextIncludes('href="/framework"')
    assert.notInclude(page.text(), 'href="/admin/users"')

    const hr = await createUser({ roles: ['department_hr', 'learner'] })
    await assertPageIncludes(client, hr, '/', [
      'href="/admin/users"',
      'href="/admin/organisations"',
      'href="/admin/audit"',
    ])
  })

  test('course admins see “Manage courses” only once they are linked to a provider', async ({
    client,
    assert,
  }) => {
    // Manage courses is one of the Learning section's pages, listed on each of them.
    const courseAdmin = await createUser({ roles: ['course_admin', 'learner'] })
    const unlinked = await client.get('/learning/courses').loginAs(courseAdmin)
    assert.notInclude(unlinked.text(), 'href="/learning/admin/courses"')
    await createProvider('GDS Academy', [courseAdmin])
    const linked = await client.get('/learning/courses').loginAs(courseAdmin)
    linked.assertTextIncludes('href="/learning/admin/courses" class="section-link"')
  })

  test('a line manager sees their direct reports on the home page', async ({ client }) => {
    const organisation = await OrganisationFactory.create()
    const manager = await createUser({ organisation })
    await createUser({
      organisation,
      overrides: { fullName: 'Reporting Person', lineManagerId: manager.id },
    })
    await assertPageIncludes(client, manager, '/', ['People who report to you', 'Reporting Person'])
  })

  test('a capability admin sees people of every department', async ({ client }) => {
    const { dvlaPerson, hmrcPerson } = await departmentsWithPeople()
    const admin = await createUser({ roles: ['capability_admin'] })
    const response = await client.get('/admin/users').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes(dvlaPerson.fullName)
    response.assertTextIncludes(hmrcPerson.fullName)
  })

  test('department HR see their organisation and its agencies, and no one else', async ({
    client,
    assert,
  }) => {
    const { dftHr, dvlaPerson, hmrcPerson } = await departmentsWithPeople()
    const response = await client.get('/admin/users').loginAs(dftHr)
    response.assertStatus(200)
    response.assertTextIncludes(dvlaPerson.fullName)
    assert.notInclude(response.text(), hmrcPerson.fullName)
  })

  test('department HR get 404 for another department’s person, on every route', async ({
    client,
    assert,
  }) => {
    const { dftHr, hmrcPerson } = await departmentsWithPeople()
    const pages = [`/admin/users/${hmrcPerson.id}`, `/admin/users/${hmrcPerson.id}/edit`]
    const changed = validPerson(hmrcPerson.organisationId, {
      fullName: 'Changed',
      email: hmrcPerson.email,
    })
    const changes: FormChange[] = [
      ['put', `/admin/users/${hmrcPerson.id}`, changed],
      ['post', `/admin/users/${hmrcPerson.id}/deactivate`, {}],
    ]
    await assertPagesAndChangesAnswer(assert, client, dftHr, { pages, changes }, 404)
    await hmrcPerson.refresh()
    assert.equal(hmrcPerson.fullName, 'Henry Revenue')
    assert.isNull(hmrcPerson.deactivatedAt)
  })

  test('department HR cannot add a person to another department', async ({ client, assert }) => {
    const { dftHr, hmrc } = await departmentsWithPeople()
    const response = await client
      .post('/admin/users')
      .withCsrfToken()
      .loginAs(dftHr)
      .form(validPerson(hmrc.id))
    response.assertStatus(403)
    assert.isNull(await User.findBy('email', 'margaret.hamilton@example.gov.uk'))
  })

  test('people filters narrow the list and are kept in the URL for paging', async ({
    client,
    assert,
  }) => {
    const { dftHr, dvla } = await departmentsWithPeople()
    await createUser({ organisation: dvla, overrides: { fullName: 'Zed Filtered' } })
    const response = await client
      .get('/admin/users')
      .qs({ q: 'dora', organisationId: dvla.id })
      .loginAs(dftHr)
    response.assertTextIncludes('Dora Vehicle')
    assert.notInclude(response.text(), 'Zed Filtered')
    response.assertTextIncludes('<strong>1</strong> person found')
  })
})

test.group('People administration: changes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR add a person to an agency of their department, audited', async ({
    client,
    assert,
  }) => {
    const { dftHr, dvla } = await departmentsWithPeople()
    const response = await submitAs(client, dftHr).post(
      '/admin/users',
      validPerson(dvla.id, { lineManagerEmail: dftHr.email })
    )
    response.assertStatus(302)
    const created = await User.findByOrFail('email', 'margaret.hamilton@example.gov.uk')
    assert.equal(created.organisationId, dvla.id)
    assert.equal(created.lineManagerId, dftHr.id)
    response.assertHeader('location', `/admin/users/${created.id}`)
    const event = await AuditEvent.query()
      .where('subject_type', 'user')
      .where('subject_id', String(created.id))
      .where('action', 'create')
      .firstOrFail()
    assert.equal(event.actorId, dftHr.id)
    assert.equal(event.afterValues.password, '[redacted]')
    assert.equal(event.afterValues.fullName, 'Margaret Hamilton')
    await created.load((loader) => loader.load('roles'))
    assert.deepEqual(created.roleNames, ['learner'])
  })

  test('the new person can sign in with the initial password', async ({ client }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    await client
      .post('/admin/users')
      .withCsrfToken()
      .loginAs(admin)
      .form(validPerson(admin.organisationId))
    const response = await client
      .post('/api/v1/tokens')
      .json({ email: 'margaret.hamilton@example.gov.uk', password: 'a-long-initial-password' })
    response.assertStatus(201)
  })

  test('each missing or wrong field gets its own message and nothing is saved', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const response = await submitAs(client, admin).post('/admin/users', {
      fullName: '',
      email: 'not-an-email',
      password: 'short',
      grade: 'G99',
    })
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.fullName, ['Enter the person’s full name'])
    assert.deepEqual(errors.email, [
      'Enter an email address in the correct format, like name@example.gov.uk',
    ])
    assert.deepEqual(errors.password, ['The password must be 12 characters or more'])
    assert.deepEqual(errors.organisationId, ['Select an organisation'])
    assert.deepEqual(errors.grade, ['Select a grade from the list'])
    assert.equal(response.flashMessages().email, 'not-an-email')
    assert.isNull(await User.findBy('email', 'not-an-email'))
  })

  test('an email already in use, or an unknown line manager, gets a field message', async ({
    client,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const taken = await submitAs(client, admin).post(
      '/admin/users',
      validPerson(admin.organisationId, { email: admin.email })
    )
    taken.assertFlashMessage('inputErrorsBag', {
      email: ['A person with this email address already exists'],
    })
    const unknown = await submitAs(client, admin).post(
      '/admin/users',
      validPerson(admin.organisationId, { lineManagerEmail: 'nobody@example.gov.uk' })
    )
    unknown.assertFlashMessage('inputErrorsBag', {
      lineManagerEmail: [
        'There is no one with this email address: enter the line manager’s email address',
      ],
    })
  })

  test('a person cannot be made the line manager of their own manager', async ({ client }) => {
    const organisation = await OrganisationFactory.create()
    const admin = await createUser({ roles: ['capability_admin'], organisation })
    const boss = await createUser({ organisation })
    const report = await createUser({ organisation, overrides: { lineManagerId: boss.id } })
    const response = await submitAs(client, admin).put(
      `/admin/users/${boss.id}`,
      validPerson(organisation.id, { email: boss.email, lineManagerEmail: report.email })
    )
    response.assertFlashMessage('inputErrorsBag', {
      lineManagerEmail: ['This line manager reports to this person, directly or through others'],
    })
  })

  test('department HR cannot grant the capability admin role, and cannot take away roles they may not grant', async ({
    client,
    assert,
  }) => {
    const { dftHr, dvlaPerson } = await departmentsWithPeople()
    await grantRole(dvlaPerson, 'course_admin')
    await client
      .put(`/admin/users/${dvlaPerson.id}`)
      .withCsrfToken()
      .loginAs(dftHr)
      .form(
        validPerson(dvlaPerson.organisationId, {
          email: dvlaPerson.email,
          roles: ['learner', 'team_lead', 'capability_admin'],
        })
      )
    const roleRows = await UserRole.query().where('user_id', dvlaPerson.id)
    const roles = roleRows.map((row) => row.role)
    assert.sameMembers(roles, ['learner', 'team_lead', 'course_admin'])
    const event = await AuditEvent.query()
      .where('subject_id', String(dvlaPerson.id))
      .whereNotNull('before')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.sameMembers(event.afterValues.roles as string[], [
      'learner',
      'team_lead',
      'course_admin',
    ])
  })

  test('department HR cannot edit a capability admin who sits in their department', async ({
    client,
  }) => {
    const { dft, dftHr } = await departmentsWithPeople()
    const admin = await createUser({ roles: ['capability_admin'], organisation: dft })
    const response = await client.get(`/admin/users/${admin.id}/edit`).loginAs(dftHr)
    response.assertStatus(403)
  })

  test('deactivating stops sign-in; reactivating restores it; both audited', async ({
    client,
    assert,
  }) => {
    const { dftHr, dvlaPerson } = await departmentsWithPeople()
    await client.post(`/admin/users/${dvlaPerson.id}/deactivate`).withCsrfToken().loginAs(dftHr)
    const refused = await client
      .post('/api/v1/tokens')
      .json({ email: dvlaPerson.email, password: TEST_PASSWORD })
    refused.assertStatus(403)
    await client.post(`/admin/users/${dvlaPerson.id}/reactivate`).withCsrfToken().loginAs(dftHr)
    const restored = await client
      .post('/api/v1/tokens')
      .json({ email: dvlaPerson.email, password: TEST_PASSWORD })
    restored.assertStatus(201)
    const events = await AuditEvent.query()
      .where('subject_id', String(dvlaPerson.id))
      .where('subject_type', 'user')
    const actions = events.map((event) => event.action)
    assert.includeMembers(actions, ['deactivate', 'reactivate'])
  })

  test('nobody can deactivate themselves', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const response = await client
      .post(`/admin/users/${admin.id}/deactivate`)
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(403)
    await admin.refresh()
    assert.isNull(admin.deactivatedAt)
  })

  test('a change posted without its CSRF token changes nothing', async ({ client, assert }) => {
    const { dftHr, dvlaPerson } = await departmentsWithPeople()
    await client.post(`/admin/users/${dvlaPerson.id}/deactivate`).loginAs(dftHr).redirects(0)
    await dvlaPerson.refresh()
    assert.isNull(dvlaPerson.deactivatedAt)
  })
})
