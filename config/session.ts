import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import type { ApplicationService, ConfigProvider } from '@adonisjs/core/types'
import type { HttpContext } from '@adonisjs/core/http'
import { defineConfig, stores } from '@adonisjs/session'
import type { SessionStoreContract, SessionStoreFactory } from '@adonisjs/session/types'
import { chooseStore } from '#config/redis'

/*
 * Sessions live on the server, so signing out, changing a password or being
 * deactivated ends them there: the browser holds only a signed session id,
 * and a copy of it is worth nothing once its session has ended. Each
 * session is tagged with its person, so all of one person's sessions can be
 * found and ended (app/services/user_sessions.ts).
 *
 * With REDIS_URL set they live in Redis, shared by every instance; without
 * it, in the application's database (the `sessions` table), also shared.
 * SESSION_DRIVER overrides either default; `memory` suits tests only.
 */
export const sessionStore = chooseStore('SESSION_DRIVER', env.get('SESSION_DRIVER'), 'database')

/*
 * Requests that never need a session: the bearer-token API and the health
 * check. Their session (which holds nothing but a CSRF secret) is never
 * stored, so a script calling the API or a load balancer's probe does not
 * leave a new session behind on every call.
 */
export function isStateless(ctx: HttpContext | null) {
  if (!ctx) return false
  const url = ctx.request.url()
  return url.startsWith('/api/') || url === '/health'
}

class UnstoredSession implements SessionStoreContract {
  read() {
    return null
  }
  write() {}
  destroy() {}
  touch() {}
}

/* A store that keeps nothing for the requests above. */
export function unlessStateless(
  store: ConfigProvider<SessionStoreFactory>
): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (application) => {
    const factory = await store.resolver(application)
    return (ctx, config) => (isStateless(ctx) ? new UnstoredSession() : factory(ctx, config))
  })
}

/*
 * The database store, reading through the primary and never a read replica
 * (DB_READ_HOSTS): a replica that lags would not yet know a session just
 * begun, or would still hold one just ended.
 */
function primaryDatabase(): ConfigProvider<SessionStoreFactory> {
  const store = stores.database({ tableName: 'sessions' })
  return configProvider.create(async (application) => {
    const db = await application.container.make('lucid.db')
    const primaryOnly = {
      primaryConnectionName: db.primaryConnectionName,
      manager: db.manager,
      connection: (name: string) => db.connection(name, { mode: 'write' }),
    }
    // The store asks the container for Lucid only; it is given Lucid held to the primary.
    const withPrimaryOnly = {
      container: { make: async () => primaryOnly },
    } as unknown as ApplicationService
    return store.resolver(withPrimaryOnly)
  })
}

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'dcs-session',
  clearWithBrowser: false,
  age: '8h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: sessionStore,
  stores: {
    database: unlessStateless(primaryDatabase()),
    // Opens its Redis connection on first use only, so declaring it costs nothing without Redis.
    redis: unlessStateless(stores.redis({ connection: 'main' })),
  },
})

export default sessionConfig
