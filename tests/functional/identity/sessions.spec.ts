import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import { SessionCollection } from '@adonisjs/session'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import AuditEvent from '#models/audit_event'
import { apiAs, bearer } from '#tests/support/api'
import { Visitor, forgetAllSessions } from '#tests/support/session_cookies'
import { signedInOnTwoBrowsers } from '#tests/support/fixtures/signed_in_elsewhere'

const NEW_PASSWORD = 'a much better passphrase'

/* What the session store holds for a session id: null once the session has ended. */
async function stored(sessionId: string | null) {
  if (!sessionId) throw new Error('No session cookie')
  const sessions = await app.container.make(SessionCollection)
  return sessions.get(sessionId)
}

async function changePassword(visitor: Visitor, currentPassword = TEST_PASSWORD) {
  return visitor.changePassword(currentPassword, NEW_PASSWORD)
}

test.group('Sessions are kept and ended on the server', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.setup(() => limiter.clear(['memory']))

  test('signing out ends the session on the server: a copy of its cookie signs nobody in', async ({
    assert,
  }) => {
    const user = await createUser()
    const laptop = await Visitor.signedIn(user.email)
    const copied = laptop.copy()
    const sessionId = await laptop.sessionId()
    assert.isTrue(await copied.isSignedIn())

    const signOut = await laptop.signOut()
    assert.equal(signOut.status, 302)
    assert.equal(signOut.location, '/sign-in')
    assert.notEqual(await laptop.sessionId(), sessionId)

    assert.isNull(await stored(sessionId), 'the session is still in the store')
    assert.isFalse(await copied.isSignedIn(), 'a copy of the cookie still signs in')
  })

  test('signing in gives a new session id; a session id planted before it signs nobody in', async ({
    assert,
  }) => {
    const user = await createUser()
    const victim = new Visitor()
    await victim.get('/sign-in')
    const planted = victim.copy()
    const answer = await victim.signIn(user.email)
    assert.equal(answer.location, '/')
    assert.notEqual(await victim.sessionId(), await planted.sessionId())
    assert.isTrue(await victim.isSignedIn())
    assert.isFalse(await planted.isSignedIn())
  })

  test('changing the password ends every other session, keeps this one under a new id and revokes the API tokens', async ({
    client,
    assert,
  }) => {
    const { user, here, elsewhere, token, theirs, theirToken } = await signedInOnTwoBrowsers()
    const oldCookie = here.copy()

    const answer = await changePassword(here)
    assert.equal(answer.status, 302)
    assert.equal(answer.location, '/profile')
    assert.notEqual(await here.sessionId(), await oldCookie.sessionId())
    const profile = await here.get('/profile')
    assert.include(
      profile.text,
      'Your password has been changed. You have been signed out everywhere else and your 2 API tokens have been revoked'
    )

    assert.isFalse(await elsewhere.isSignedIn(), 'the other session still signs in')
    assert.isFalse(await oldCookie.isSignedIn(), 'a copy of the old cookie still signs in')
    assert.isTrue(await here.isSignedIn(), 'the session the change was made in ended')

    const api = await apiAs(client, token).get('/api/v1/me')
    api.assertStatus(401)
    const left = await db.from('auth_access_tokens').where('tokenable_id', user.id).count('* as n')
    assert.equal(Number(left[0].n), 0)

    // Nobody else is touched.
    assert.isTrue(await theirs.isSignedIn())
    const theirApi = await apiAs(client, theirToken).get('/api/v1/me')
    theirApi.assertStatus(200)

    const event = await AuditEvent.query()
      .where('action', 'password_changed')
      .where('subject_id', String(user.id))
      .firstOrFail()
    assert.deepEqual(JSON.parse(event.after!), { tokensRevoked: 2 })
  })

  test('a refused password change ends no session and revokes no token', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const here = await Visitor.signedIn(user.email)
    const elsewhere = await Visitor.signedIn(user.email)
    const token = await bearer(user)
    const answer = await changePassword(here, 'not-the-password')
    assert.equal(answer.status, 302)
    assert.match(answer.location ?? '', /\/profile\/password$/)
    assert.isTrue(await elsewhere.isSignedIn())
    const api = await apiAs(client, token).get('/api/v1/me')
    api.assertStatus(200)
  })

  test('the profile page counts the other sessions and offers to sign out everywhere else', async ({
    assert,
  }) => {
    const user = await createUser()
    await Visitor.signedIn(user.email)
    await Visitor.signedIn(user.email)
    const here = await Visitor.signedIn(user.email)
    const page = await here.get('/profile')
    assert.equal(page.status, 200)
    assert.include(page.text, 'You are also signed in in 2 other places', page.text)
    assert.match(
      page.text,
      /<form method="POST" action="\/profile\/sign-out-elsewhere"[^>]*>\s*<input type='hidden' name='_csrf'/
    )
    assert.include(page.text, 'Sign out everywhere else')
  })

  test('signing out everywhere else ends the other sessions, keeps this one, and is audited', async ({
    assert,
  }) => {
    const user = await createUser()
    const elsewhere = await Visitor.signedIn(user.email)
    const alsoElsewhere = await Visitor.signedIn(user.email)
    const here = await Visitor.signedIn(user.email)
    const someoneElse = await createUser()
    const theirs = await Visitor.signedIn(someoneElse.email)
    const oldCookie = here.copy()

    const answer = await here.submit('/profile', '/profile/sign-out-elsewhere')
    assert.equal(answer.status, 302)
    assert.equal(answer.location, '/profile')
    const profile = await here.get('/profile')
    assert.include(profile.text, 'You have been signed out everywhere else (2 sessions ended)')
    assert.include(profile.text, 'You are signed in here only')

    assert.isFalse(await elsewhere.isSignedIn())
    assert.isFalse(await alsoElsewhere.isSignedIn())
    assert.isFalse(await oldCookie.isSignedIn(), 'a copy of the old cookie still signs in')
    assert.isTrue(await here.isSignedIn())
    assert.isTrue(await theirs.isSignedIn())

    const event = await AuditEvent.query()
      .where('action', 'sign_out_elsewhere')
      .where('actor_id', user.id)
      .firstOrFail()
    assert.deepEqual(JSON.parse(event.after!), { sessionsEnded: 2 })
  })

  test('signing out everywhere else without the CSRF token ends nothing', async ({ assert }) => {
    const user = await createUser()
    const elsewhere = await Visitor.signedIn(user.email)
    const here = await Visitor.signedIn(user.email)
    const answer = await here.post('/profile/sign-out-elsewhere')
    assert.equal(answer.status, 302)
    assert.isTrue(await elsewhere.isSignedIn())
    assert.isTrue(await here.isSignedIn())
    assert.isNull(await AuditEvent.query().where('action', 'sign_out_elsewhere').first())
  })

  test('deactivating a person ends their sessions at once, so restoring them brings no session back', async ({
    assert,
    client,
  }) => {
    const adminUser = await createUser({ roles: ['capability_admin'] })
    const admin = await Visitor.signedIn(adminUser.email)
    const person = await createUser()
    const theirs = await Visitor.signedIn(person.email)
    const token = await bearer(person)

    const page = `/admin/users/${person.id}`
    const deactivated = await admin.submit(page, `/admin/users/${person.id}/deactivate`)
    assert.equal(deactivated.location, page)
    assert.isNull(await stored(await theirs.sessionId()), 'the session is still in the store')
    const api = await apiAs(client, token).get('/api/v1/me')
    api.assertStatus(401)

    const reactivated = await admin.submit(page, `/admin/users/${person.id}/reactivate`)
    assert.equal(reactivated.location, page)
    await person.refresh()
    assert.isNull(person.deactivatedAt)
    assert.isFalse(await theirs.isSignedIn(), 'the old session came back with the person')
    const again = await Visitor.signedIn(person.email)
    assert.isTrue(await again.isSignedIn())
  })

  test('an API token issued after a password change works', async ({ client }) => {
    const user = await createUser()
    const here = await Visitor.signedIn(user.email)
    await changePassword(here)
    const issued = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: NEW_PASSWORD })
    issued.assertStatus(201)
    const api = await apiAs(client, `Bearer ${issued.body().token}`).get('/api/v1/me')
    api.assertStatus(200)
  })
})
