import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import AuditEvent from '#models/audit_event'
import Organisation from '#models/organisation'
import { submitAs, submitSignIn } from '#tests/support/forms'

const REFUSED =
  'Your organisation signs you in with your department account, so the API cannot give you a token for a password. Sign in to the service with your department account and create a token on your profile page.'

test.group('Single sign-on only organisations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a capability admin marks an organisation single sign-on only, audited, and its page says so', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const organisation = await OrganisationFactory.create()
    const form = await client.get(`/admin/organisations/${organisation.id}/edit`).loginAs(admin)
    form.assertTextIncludes('name="ssoOnly"')
    const response = await submitAs(client, admin).put(`/admin/organisations/${organisation.id}`, {
      name: organisation.name,
      code: organisation.code,
      type: organisation.type,
      ssoOnly: '1',
    })
    response.assertHeader('location', `/admin/organisations/${organisation.id}`)
    await organisation.refresh()
    assert.isTrue(organisation.ssoOnly)
    const event = await AuditEvent.query()
      .where('subject_type', 'organisation')
      .where('subject_id', String(organisation.id))
      .where('action', 'update')
      .firstOrFail()
    assert.include(event.after ?? '', 'ssoOnly')
    const page = await client.get(`/admin/organisations/${organisation.id}`).loginAs(admin)
    page.assertTextIncludes('Yes: its people sign in with their department account')

    // Unticked, it goes back to allowing passwords.
    await client
      .put(`/admin/organisations/${organisation.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .form({ name: organisation.name, code: organisation.code, type: organisation.type })
    await organisation.refresh()
    assert.isFalse(organisation.ssoOnly)
  })

  test('its people cannot sign in with a password, even the right one', async ({
    client,
    assert,
  }) => {
    const organisation = await OrganisationFactory.merge({ ssoOnly: true }).create()
    const person = await createUser({ organisation })
    const response = await submitSignIn(client, person.email, TEST_PASSWORD)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      email: [
        'Your organisation does not use passwords for this service. Sign in with your department account',
      ],
    })
    const signedIn = await AuditEvent.query()
      .where('action', 'sign_in')
      .where('actor_id', person.id)
      .first()
    assert.isNull(signedIn)

    // People of other organisations still sign in with their password.
    const other = await createUser({ organisation: await OrganisationFactory.create() })
    const allowed = await submitSignIn(client, other.email, TEST_PASSWORD)
    allowed.assertHeader('location', '/')
  })

  test('the API gives its people no token for a password, with a problem saying what to do instead', async ({
    client,
    assert,
  }) => {
    const organisation = await OrganisationFactory.merge({ ssoOnly: true }).create()
    const person = await createUser({ organisation })
    const response = await client
      .post('/api/v1/tokens')
      .json({ email: person.email, password: TEST_PASSWORD })
    response.assertStatus(403)
    assert.equal(response.header('content-type'), 'application/problem+json; charset=utf-8')
    assert.equal(response.body().detail, REFUSED)
    assert.equal(response.body().status, 403)
    const issued = await AuditEvent.query().where('action', 'token_issued').first()
    assert.isNull(issued)
  })

  test('signed in, its people still create API tokens on their profile page', async ({
    client,
    assert,
  }) => {
    const organisation = await OrganisationFactory.merge({ ssoOnly: true }).create()
    const person = await createUser({ organisation })
    const response = await submitAs(client, person).post('/profile/tokens', {
      name: 'Reporting script',
    })
    response.assertStatus(201)
    const issued = await AuditEvent.query()
      .where('action', 'token_issued')
      .where('actor_id', person.id)
      .first()
    assert.isNotNull(issued)
    const saved = await Organisation.findOrFail(organisation.id)
    assert.isTrue(saved.ssoOnly)
  })

  test('its people, and anyone without a password, are not offered a password to change', async ({
    client,
  }) => {
    const organisation = await OrganisationFactory.merge({ ssoOnly: true }).create()
    const ssoOnly = await createUser({ organisation })
    const withoutPassword = await createUser()
    withoutPassword.password = null
    await withoutPassword.saveQuietly()
    for (const person of [ssoOnly, withoutPassword]) {
      const profile = await client.get('/profile').loginAs(person)
      profile.assertStatus(200)
      profile.assertTextIncludes('You sign in with your department account')
      if (profile.text().includes('/profile/password')) {
        throw new Error('The profile offers a password change to ' + person.email)
      }
      const form = await client.get('/profile/password').loginAs(person)
      form.assertStatus(404)
      const change = await client.put('/profile/password').loginAs(person).withCsrfToken().form({
        currentPassword: TEST_PASSWORD,
        newPassword: 'a long enough passphrase 2026',
        confirmPassword: 'a long enough passphrase 2026',
      })
      change.assertStatus(404)
    }

    const withPassword = await createUser()
    const profile = await client.get('/profile').loginAs(withPassword)
    profile.assertTextIncludes('/profile/password')
  })
})
