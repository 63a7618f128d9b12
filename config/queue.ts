import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/queue'
import { chooseStore, redisEnabled } from '#config/redis'

/*
 * Long work (large staff imports, and later matching rounds and exports)
 * runs as queued jobs. The database driver keeps jobs in the application's
 * own database, so no other service is needed; `sync` runs a job at once in
 * the process that dispatched it (the test suite uses it). Workers run with
 * `node ace queue:work`, or inside the web process when QUEUE_INLINE_WORKER
 * is true, the default (one process, no set-up).
 *
 * With REDIS_URL set, jobs wait in Redis instead (unless QUEUE_DRIVER says
 * otherwise), and the workers of every instance share that one queue.
 */
export default defineConfig({
  default: chooseStore('QUEUE_DRIVER', env.get('QUEUE_DRIVER'), 'database'),

  adapters: {
    database: drivers.database({ connectionName: env.get('DB_CONNECTION', 'sqlite') }),
    sync: drivers.sync(),
    // Declared only with REDIS_URL: every adapter is opened when the process boots.
    ...(redisEnabled ? { redis: drivers.redis({ connectionName: 'main' }) } : {}),
  },

  worker: {
    concurrency: 1,
    idleDelay: '1s',
    stalledThreshold: '5m',
  },

  locations: ['./app/jobs/**/*.{ts,js}'],
})
