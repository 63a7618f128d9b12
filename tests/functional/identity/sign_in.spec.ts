import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import AuditEvent from '#models/audit_event'
import { submitAs, submitSignIn } from '#tests/support/forms'

test.group('Signing in and out', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('the sign-in page asks for an email address and password', async ({ client }) => {
    const response = await client.get('/sign-in')
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Sign in</h1>')
    response.assertTextIncludes('name="email"')
    response.assertTextIncludes('name="password"')
  })

  test('a person with the right password is signed in and sent home', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ overrides: { fullName: 'Ada Lovelace' } })
    const response = await submitSignIn(client, user.email, TEST_PASSWORD)
    response.assertStatus(302)
    response.assertHeader('location', '/')

    const home = await client.get('/').loginAs(user)
    home.assertStatus(200)
    home.assertTextIncludes('Welcome, Ada Lovelace')

    const event = await AuditEvent.query()
      .where('action', 'sign_in')
      .where('actor_id', user.id)
      .first()
    assert.isNotNull(event)
  })

  test('signing in gives the browser a new session id', async ({ client, assert }) => {
    const user = await createUser()
    const before = await client.get('/sign-in').withSession({ visited: true })
    const oldId = before.cookie('dcs-session')?.value
    assert.isString(oldId)
    const response = await client
      .post('/sign-in')
      .withCsrfToken()
      .withCookie('dcs-session', oldId)
      .form({ email: user.email, password: TEST_PASSWORD })
      .redirects(0)
    response.assertHeader('location', '/')
    const newId = response.cookie('dcs-session')?.value
    assert.isString(newId)
    assert.notEqual(newId, oldId)
  })

  test('signing in is not case sensitive about the email address', async ({ client }) => {
    const user = await createUser()
    const response = await submitSignIn(client, user.email.toUpperCase(), TEST_PASSWORD)
    response.assertHeader('location', '/')
  })

  test('a wrong password is refused with a message on the email field', async ({ client }) => {
    const user = await createUser()
    const response = await submitSignIn(client, user.email, 'not-the-password')
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      email: ['Enter a correct email address and password'],
    })
  })

  test('an empty form gets a specific message for each field', async ({ client }) => {
    const response = await client.post('/sign-in').withCsrfToken().form({}).redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      email: ['Enter an email address'],
      password: ['Enter a password'],
    })
  })

  test('the sign-in page shows errors in a summary and titles the page "Error:"', async ({
    client,
  }) => {
    const response = await client.get('/sign-in').withFlashMessages({
      inputErrorsBag: { email: ['Enter an email address'] },
      email: 'typed@example.gov.uk',
    })
    response.assertTextIncludes('<title>Error: Sign in')
    response.assertTextIncludes('There is a problem')
    response.assertTextIncludes('href="#field-email"')
    response.assertTextIncludes('aria-invalid="true"')
    response.assertTextIncludes('value="typed@example.gov.uk"')
  })

  test('a deactivated account cannot sign in', async ({ client }) => {
    const user = await createUser({ overrides: { deactivatedAt: DateTime.now() } })
    const response = await submitSignIn(client, user.email, TEST_PASSWORD)
    response.assertFlashMessage('inputErrorsBag', {
      email: ['This account has been deactivated. Ask your HR team to restore it'],
    })
  })

  test('a deactivated person loses their session on the next request', async ({ client }) => {
    const user = await createUser()
    user.deactivatedAt = DateTime.now()
    await user.save()
    const response = await client.get('/').loginAs(user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/sign-in')
  })

  test('after five wrong passwords the account is paused, even with the right password', async ({
    client,
  }) => {
    const user = await createUser()
    for (let attempt = 0; attempt < 5; attempt++) {
      await submitSignIn(client, user.email, 'wrong-password')
    }
    const response = await submitSignIn(client, user.email, TEST_PASSWORD)
    response.assertStatus(429)
    const flashed = response.flashMessages().inputErrorsBag as Record<string, string[]>
    if (!flashed.email[0].startsWith('Too many attempts to sign in. Wait')) {
      throw new Error(`unexpected message ${flashed.email[0]}`)
    }
  })

  test('many failures from one address pause sign-in for every account from it', async ({
    client,
  }) => {
    const user = await createUser()
    for (let attempt = 0; attempt < 30; attempt++) {
      await submitSignIn(client, `nobody${attempt}@example.gov.uk`, 'wrong-password')
    }
    const response = await submitSignIn(client, user.email, TEST_PASSWORD)
    response.assertStatus(429)
  })

  test('a sign-in form posted without its CSRF token is refused and signs no one in', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await client
      .post('/sign-in')
      .form({ email: user.email, password: TEST_PASSWORD })
      .redirects(0)
    response.assertStatus(302)
    assert.isNull(
      await AuditEvent.query().where('action', 'sign_in').where('actor_id', user.id).first()
    )
    await user.refresh()
    assert.isNull(user.lastSignedInAt)
  })

  test('signing out ends the session', async ({ client, assert }) => {
    const user = await createUser()
    const response = await submitAs(client, user).post('/sign-out')
    response.assertStatus(302)
    response.assertHeader('location', '/sign-in')
    assert.isNotNull(
      await AuditEvent.query().where('action', 'sign_out').where('actor_id', user.id).first()
    )
  })

  test('pages need a signed-in person', async ({ client }) => {
    for (const url of ['/', '/profile', '/admin/users', '/admin/organisations', '/admin/audit']) {
      const response = await client.get(url).redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/sign-in')
    }
  })

  test('a signed-in person is sent home from the sign-in page', async ({ client }) => {
    const user = await createUser()
    const response = await client.get('/sign-in').loginAs(user).redirects(0)
    response.assertHeader('location', '/')
  })
})
