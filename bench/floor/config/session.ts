import { defineConfig, stores } from '@adonisjs/session'

/* Sessions in the database's `sessions` table, the store the service uses without Redis. */
export default defineConfig({
  enabled: true,
  cookieName: 'floor-session',
  clearWithBrowser: false,
  age: '8h',
  cookie: { path: '/', httpOnly: true, secure: true, sameSite: 'lax' },
  store: 'database',
  stores: { database: stores.database({ tableName: 'sessions' }) },
})
