import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import { chooseStore, redisConnectionFromUrl, redisEnabled } from '#config/redis'
import { readReplicaHosts } from '#config/database'

test.group('Scale-out settings: Redis', () => {
  test('REDIS_URL becomes connection options, with a password, a database and TLS', ({
    assert,
  }) => {
    const plain = redisConnectionFromUrl('redis://cache.internal:6380/2')
    assert.include(plain, { host: 'cache.internal', port: 6380, db: 2 })
    assert.isUndefined(plain.password)
    assert.isUndefined(plain.tls)

    const secured = redisConnectionFromUrl('rediss://app:s%40cret@10.0.0.5')
    assert.include(secured, { host: '10.0.0.5', port: 6379, db: 0, username: 'app' })
    assert.equal(secured.password, 's@cret')
    assert.deepEqual(secured.tls, {})
  })

  test('it reconnects for ever, backing off to 2 s, so a Redis restart heals by itself', ({
    assert,
  }) => {
    const { retryStrategy } = redisConnectionFromUrl('redis://127.0.0.1:6379')
    assert.equal(retryStrategy!(1), 100)
    assert.equal(retryStrategy!(10), 1000)
    assert.equal(retryStrategy!(500), 2000)
  })

  test('an address that is not redis:// or names no database number is refused', ({ assert }) => {
    assert.throws(() => redisConnectionFromUrl('http://127.0.0.1:6379'), /redis:\/\//)
    assert.throws(() => redisConnectionFromUrl('redis://127.0.0.1:6379/cache'), /database number/)
  })

  test('a store is the one named, else Redis when REDIS_URL is set, else the single-instance one', ({
    assert,
  }) => {
    assert.equal(chooseStore('QUEUE_DRIVER', undefined, 'database', true), 'redis')
    assert.equal(chooseStore('QUEUE_DRIVER', undefined, 'database', false), 'database')
    assert.equal(chooseStore('QUEUE_DRIVER', 'sync', 'database', true), 'sync')
    assert.equal(chooseStore('LIMITER_STORE', 'memory', 'database', false), 'memory')
    assert.throws(
      () => chooseStore('LIMITER_STORE', 'redis', 'database', false),
      'LIMITER_STORE=redis needs REDIS_URL'
    )
  })

  test('without REDIS_URL everything keeps its single-instance default and Redis is never opened', ({
    assert,
  }) => {
    assert.isFalse(redisEnabled)
    assert.equal(app.config.get<any>('cache').default, 'local')
    assert.notProperty(app.config.get<any>('cache').stores, 'shared')
    assert.equal(app.config.get<any>('lock').default, 'memory')
    assert.notProperty(app.config.get<any>('lock').stores, 'redis')
    assert.notProperty(app.config.get<any>('queue').adapters, 'redis')
    assert.notEqual(app.config.get<any>('queue').default, 'redis')
    assert.equal(redis.activeConnectionsCount, 0)
  })
})

test.group('Scale-out settings: read replicas', () => {
  test('DB_READ_HOSTS lists hosts, with or without a port', ({ assert }) => {
    assert.deepEqual(readReplicaHosts(undefined, 3306), [])
    assert.deepEqual(readReplicaHosts(' ', 3306), [])
    assert.deepEqual(readReplicaHosts('replica-1, replica-2:3307,[fd00::7]:3308', 3306), [
      { host: 'replica-1', port: 3306 },
      { host: 'replica-2', port: 3307 },
      { host: 'fd00::7', port: 3308 },
    ])
  })

  test('an entry that is not host or host:port is refused', ({ assert }) => {
    assert.throws(() => readReplicaHosts('replica-1:abc', 3306), /not a host or host:port/)
    assert.throws(() => readReplicaHosts('a:1:2', 3306), /not a host or host:port/)
  })
})
