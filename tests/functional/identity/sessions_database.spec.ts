import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import { SessionCollection } from '@adonisjs/session'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import type { SessionConfig, SessionStoreFactory } from '@adonisjs/session/types'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { apiAs, bearer } from '#tests/support/api'
import { Visitor } from '#tests/support/session_cookies'
import { unlessStateless } from '#config/session'

/*
 * The same guarantees with the store production uses without Redis: the
 * `sessions` table. The test environment keeps sessions in memory, so the
 * session middleware and the session collection are swapped, for these
 * tests only, for ones built from config/session.ts with its database store.
 */
async function useDatabaseStore() {
  const resolved = await configProvider.resolve<
    SessionConfig & { store: string; stores: Record<string, SessionStoreFactory> }
  >(app, app.config.get('session'))
  if (!resolved?.stores.database) throw new Error('config/session.ts has no database store')
  const config = { ...resolved, store: 'database' }
  const emitter = await app.container.make('emitter')
  app.container.swap(SessionMiddleware, () => new SessionMiddleware(config, emitter))
  app.container.swap(SessionCollection, () => new SessionCollection(config))
  return () => {
    app.container.restore(SessionMiddleware)
    app.container.restore(SessionCollection)
  }
}

async function rowsOf(userId?: number) {
  const query = db.from('sessions')
  if (userId !== undefined) query.where('user_id', String(userId))
  return query.select('id', 'user_id', 'expires_at')
}

test.group('Sessions in the database store', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => useDatabaseStore())

  test('a session signed in through the form is a row tagged with its person; signing out deletes it', async ({
    assert,
  }) => {
    const user = await createUser()
    const laptop = await Visitor.signedIn(user.email)
    const copied = laptop.copy()
    const sessionId = await laptop.sessionId()
    const rows = await rowsOf(user.id)
    assert.deepEqual(
      rows.map((row) => row.id),
      [sessionId]
    )
    assert.isTrue(new Date(rows[0].expires_at).getTime() > Date.now() + 7 * 3600 * 1000)
    assert.isTrue(await copied.isSignedIn())

    await laptop.signOut()
    assert.isNull(await db.from('sessions').where('id', sessionId!).first())
    assert.lengthOf(await rowsOf(user.id), 0)
    assert.isFalse(await copied.isSignedIn(), 'a copy of the cookie still signs in')
  })

  test('a password change deletes the person’s other rows and keeps the current session under a new id', async ({
    assert,
  }) => {
    const user = await createUser()
    const here = await Visitor.signedIn(user.email)
    const elsewhere = await Visitor.signedIn(user.email)
    const oldCookie = here.copy()
    assert.lengthOf(await rowsOf(user.id), 2)

    const answer = await here.changePassword(TEST_PASSWORD, 'lantern orchard pebble')
    assert.equal(answer.location, '/profile')
    const rows = await rowsOf(user.id)
    assert.deepEqual(
      rows.map((row) => row.id),
      [await here.sessionId()]
    )
    assert.isFalse(await elsewhere.isSignedIn())
    assert.isFalse(await oldCookie.isSignedIn())
    assert.isTrue(await here.isSignedIn())
  })

  test('calls to the API and the health check leave no session row behind', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const token = await bearer(user)
    const rowsBefore = await rowsOf()
    const before = rowsBefore.length
    for (let call = 0; call < 3; call++) {
      const api = await apiAs(client, token).get('/api/v1/me')
      api.assertStatus(200)
      const health = await new Visitor().get('/health')
      assert.equal(health.status, 200)
    }
    assert.lengthOf(await rowsOf(), before)

    await new Visitor().get('/sign-in')
    assert.lengthOf(await rowsOf(), before + 1, 'a page with a form keeps its session')
  })
})

test.group('Sessions: the store out of reach', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    const resolved = await configProvider.resolve<
      SessionConfig & { store: string; stores: Record<string, SessionStoreFactory> }
    >(app, app.config.get('session'))
    // A store whose server has gone away, as Redis or MySQL would answer while restarting.
    const refused = () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), {
        code: 'ECONNREFUSED',
      })
    }
    const away = unlessStateless(
      configProvider.create(async () => () => ({
        read: refused,
        write: refused,
        destroy: refused,
        touch: refused,
      }))
    )
    const config = {
      ...resolved!,
      store: 'away' as const,
      stores: { ...resolved!.stores, away: await away.resolver(app) },
    }
    const emitter = await app.container.make('emitter')
    app.container.swap(SessionMiddleware, () => new SessionMiddleware(config, emitter))
    return () => app.container.restore(SessionMiddleware)
  })

  test('pages answer 503 "try again later" without internals; the API and /health still answer', async ({
    client,
    assert,
  }) => {
    const page = await new Visitor().get('/sign-in')
    assert.equal(page.status, 503)
    assert.include(page.text, 'Try again later')
    assert.notMatch(page.text, /ECONNREFUSED|\.ts:\d+|node_modules/)

    const user = await createUser()
    const api = await apiAs(client, await bearer(user)).get('/api/v1/me')
    api.assertStatus(200)
    const health = await new Visitor().get('/health')
    assert.equal(health.status, 200)
  })
})
