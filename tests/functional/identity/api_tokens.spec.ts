import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import AuditEvent from '#models/audit_event'
import { submitAs } from '#tests/support/forms'
import { apiAs } from '#tests/support/api'

async function issue(client: any, email: string, password = TEST_PASSWORD) {
  return client.post('/api/v1/tokens').json({ email, password })
}

test.group('API tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('the right email and password issue a bearer token', async ({ client, assert }) => {
    const user = await createUser()
    const response = await issue(client, user.email)
    response.assertStatus(201)
    assert.equal(response.body().type, 'bearer')
    assert.match(response.body().token, /^dcs_/)
    assert.isNotNull(
      await AuditEvent.query().where('action', 'token_issued').where('actor_id', user.id).first()
    )
  })

  test('the token reads who I am: name, organisation and roles', async ({ client, assert }) => {
    const organisation = await OrganisationFactory.merge({
      name: 'Department for Transport',
    }).create()
    const user = await createUser({
      roles: ['learner', 'department_hr'],
      organisation,
      overrides: { fullName: 'Grace Hopper' },
    })
    const issued = await issue(client, user.email)
    const { token } = issued.body()
    const response = await apiAs(client, `Bearer ${token}`).get('/api/v1/me')
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.id, user.id)
    assert.equal(data.name, 'Grace Hopper')
    assert.equal(data.email, user.email)
    assert.deepEqual(data.organisation, {
      id: organisation.id,
      name: 'Department for Transport',
      code: organisation.code,
    })
    assert.sameMembers(data.roles, ['learner', 'department_hr'])
  })

  test('a wrong password gets 401 as problem JSON', async ({ client, assert }) => {
    const user = await createUser()
    const response = await issue(client, user.email, 'wrong-password')
    response.assertStatus(401)
    assert.include(response.header('content-type'), 'application/problem+json')
    assert.equal(response.body().status, 401)
    assert.equal(response.body().title, 'Unauthorised')
  })

  test('missing fields get 422 with a message for each field', async ({ client, assert }) => {
    const response = await client.post('/api/v1/tokens').json({ email: 'not-an-email' })
    response.assertStatus(422)
    assert.include(response.header('content-type'), 'application/problem+json')
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['email', 'password'])
  })

  test('repeated wrong passwords get 429 with Retry-After', async ({ client, assert }) => {
    const user = await createUser()
    for (let attempt = 0; attempt < 5; attempt++) await issue(client, user.email, 'wrong-password')
    const response = await issue(client, user.email)
    response.assertStatus(429)
    assert.isAbove(Number(response.header('retry-after')), 0)
  })

  test('a request without a token, or with a made-up one, gets 401 JSON', async ({
    client,
    assert,
  }) => {
    const anonymous = await client.get('/api/v1/me')
    anonymous.assertStatus(401)
    assert.equal(anonymous.body().status, 401)
    const forged = await apiAs(client, 'Bearer dcs_made-up.token').get('/api/v1/me')
    forged.assertStatus(401)
  })

  test('a token records when it was last used, at most once a minute, and a wrong secret records nothing', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const issued = await issue(client, user.email)
    const { token } = issued.body()
    const lastUsed = async () => {
      const row = await db.from('auth_access_tokens').where('tokenable_id', user.id).first()
      return row.last_used_at
    }
    /* Records the token as last used this long ago, and answers what the row then holds. */
    const lastUsedAgo = async (ago: { seconds?: number; minutes?: number }) => {
      await db
        .from('auth_access_tokens')
        .where('tokenable_id', user.id)
        .update({ last_used_at: DateTime.utc().minus(ago).toJSDate() })
      return lastUsed()
    }
    assert.isNull(await lastUsed())

    // The right id with a made-up secret is refused and leaves the token as it was.
    const [id] = String(token).slice('dcs_'.length).split('.')
    const forged = `dcs_${id}.${'x'.repeat(40)}`
    const refused = await apiAs(client, `Bearer ${forged}`).get('/api/v1/me')
    refused.assertStatus(401)
    assert.isNull(await lastUsed())

    const first = await apiAs(client, `Bearer ${token}`).get('/api/v1/me')
    first.assertStatus(200)
    const recorded = await lastUsed()
    assert.isNotNull(recorded)

    // A second request within the minute reads the token without writing it again.
    const marked = await lastUsedAgo({ seconds: 30 })
    const second = await apiAs(client, `Bearer ${token}`).get('/api/v1/me')
    second.assertStatus(200)
    assert.equal(String(await lastUsed()), String(marked))

    // After a minute it is written again.
    const stale = await lastUsedAgo({ minutes: 2 })
    const third = await apiAs(client, `Bearer ${token}`).get('/api/v1/me')
    third.assertStatus(200)
    assert.notEqual(String(await lastUsed()), String(stale))
  })

  test('a revoked token stops working', async ({ client }) => {
    const user = await createUser()
    const issued = await issue(client, user.email)
    const { token } = issued.body()
    const revoke = await apiAs(client, `Bearer ${token}`).delete('/api/v1/tokens/current')
    revoke.assertStatus(204)
    const response = await apiAs(client, `Bearer ${token}`).get('/api/v1/me')
    response.assertStatus(401)
  })

  test('a deactivated person cannot get a token, nor use one they had', async ({ client }) => {
    const user = await createUser()
    const issued = await issue(client, user.email)
    const { token } = issued.body()
    user.deactivatedAt = DateTime.now()
    await user.save()
    const use = await apiAs(client, `Bearer ${token}`).get('/api/v1/me')
    use.assertStatus(401)
    const again = await issue(client, user.email)
    again.assertStatus(403)
  })

  test('deactivating someone deletes their tokens', async ({ client, assert }) => {
    const organisation = await OrganisationFactory.create()
    const admin = await createUser({ roles: ['capability_admin'], organisation })
    const user = await createUser({ organisation })
    await issue(client, user.email)
    await submitAs(client, admin).post(`/admin/users/${user.id}/deactivate`)
    const remaining = await db
      .from('auth_access_tokens')
      .where('tokenable_id', user.id)
      .count('* as total')
    assert.equal(Number(remaining[0].total), 0)
  })

  test('API routes answer unknown addresses with problem JSON, not a page', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/nothing-here')
    response.assertStatus(404)
    assert.include(response.header('content-type'), 'application/problem+json')
    assert.notInclude(response.text(), '<html')
  })
})

test.group('Tokens on the profile page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person creates a token, sees it once, and it works', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client
      .post('/profile/tokens')
      .withCsrfToken()
      .loginAs(user)
      .form({ name: 'Report script' })
    response.assertStatus(201)
    const match = response.text().match(/value="(dcs_[^"]+)"/)
    assert.isNotNull(match)
    const me = await apiAs(client, `Bearer ${match![1]}`).get('/api/v1/me')
    me.assertStatus(200)
    const profile = await client.get('/profile').loginAs(user)
    profile.assertTextIncludes('Report script')
    assert.notInclude(profile.text(), match![1])
  })

  test('a token needs a name', async ({ client }) => {
    const user = await createUser()
    const response = await submitAs(client, user).post('/profile/tokens', { name: '' })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', { name: ['Enter a name'] })
  })

  test('a person revokes their own token', async ({ client, assert }) => {
    const user = await createUser()
    const issued = await issue(client, user.email)
    const { token } = issued.body()
    const row = await db.from('auth_access_tokens').where('tokenable_id', user.id).firstOrFail()
    const response = await submitAs(client, user).delete(`/profile/tokens/${row.id}`)
    response.assertStatus(302)
    const me = await apiAs(client, `Bearer ${token}`).get('/api/v1/me')
    me.assertStatus(401)
    assert.isNotNull(
      await AuditEvent.query().where('action', 'token_revoked').where('actor_id', user.id).first()
    )
  })

  test('nobody can revoke another person’s token', async ({ client, assert }) => {
    const owner = await createUser()
    const other = await createUser()
    await issue(client, owner.email)
    const row = await db.from('auth_access_tokens').where('tokenable_id', owner.id).firstOrFail()
    const response = await client.delete(`/profile/tokens/${row.id}`).withCsrfToken().loginAs(other)
    response.assertStatus(404)
    assert.isNotNull(await db.from('auth_access_tokens').where('id', row.id).first())
  })

  test('a person changes their password and the old one stops working', async ({ client }) => {
    const user = await createUser()
    const response = await submitAs(client, user).put('/profile/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a-much-longer-passphrase',
      confirmPassword: 'a-much-longer-passphrase',
    })
    response.assertHeader('location', '/profile')
    const oldPassword = await issue(client, user.email)
    oldPassword.assertStatus(401)
    const newPassword = await issue(client, user.email, 'a-much-longer-passphrase')
    newPassword.assertStatus(201)
  })

  test('changing the password needs the current one and a matching confirmation', async ({
    client,
  }) => {
    const user = await createUser()
    const wrong = await submitAs(client, user).put('/profile/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'a-much-longer-passphrase',
      confirmPassword: 'a-much-longer-passphrase',
    })
    wrong.assertFlashMessage('inputErrorsBag', {
      currentPassword: ['The current password is not correct'],
    })
    const mismatch = await submitAs(client, user).put('/profile/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a-much-longer-passphrase',
      confirmPassword: 'something-else-entirely',
    })
    mismatch.assertFlashMessage('inputErrorsBag', {
      confirmPassword: ['The new passwords do not match'],
    })
  })
})
