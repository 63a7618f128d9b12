import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { databaseHealth } from '#services/health'

test.group('Database health', () => {
  test('a database that answers is reported ok with its latency', async ({ assert }) => {
    const health = await databaseHealth()
    assert.equal(health.status, 'ok')
    assert.isAtLeast(health.latencyMs!, 0)
  })

  test('a database that cannot be reached is reported unavailable, quickly', async ({ assert }) => {
    db.manager.add('unreachable', {
      client: 'mysql2',
      connection: { host: '127.0.0.1', port: 9, user: 'nobody', password: 'x', database: 'none' },
      pool: { min: 0, max: 1, acquireTimeoutMillis: 800 },
    })
    const started = Date.now()
    const health = await databaseHealth('unreachable', 1500)
    assert.equal(health.status, 'unavailable')
    assert.isBelow(Date.now() - started, 2000)
    await db.manager.close('unreachable')
  })
})
