import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'
import type { InferConnections, RedisConnectionConfig } from '@adonisjs/redis/types'

/*
 * Redis, shared by every instance of the service, when REDIS_URL is set:
 * rate-limit counters, the cache, locks and queued jobs then live there, so
 * any number of web processes behave as one. Without REDIS_URL nothing
 * connects to Redis and each of those uses its single-instance default
 * (see config/limiter.ts, cache.ts, lock.ts and queue.ts). Sessions never
 * need it: they live in an encrypted cookie.
 */
export const redisUrl = env.get('REDIS_URL') || undefined
export const redisEnabled = redisUrl !== undefined

/*
 * The store a setting uses: the one it names, else Redis when REDIS_URL is
 * set, else the single-instance default. Naming `redis` without REDIS_URL
 * stops the process at boot with a clear message.
 */
export function chooseStore<T extends string>(
  setting: string,
  named: T | undefined,
  single: T,
  withRedis = redisEnabled
): T | 'redis' {
  if (named === 'redis' && !withRedis) {
    throw new Error(`${setting}=redis needs REDIS_URL, the address of the Redis server`)
  }
  return named ?? (withRedis ? 'redis' : single)
}

/*
 * ioredis options from redis://[user:password@]host[:port][/db] (rediss://
 * for TLS). Reconnects for ever, backing off to 2 s between attempts, so the
 * service recovers by itself when Redis restarts; meanwhile a command gives
 * up after three reconnection attempts (a few seconds) instead of holding
 * the request for twenty.
 */
export function redisConnectionFromUrl(value: string): RedisConnectionConfig {
  const url = new URL(value)
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, not ${url.protocol}//`)
  }
  const database = url.pathname.replace(/^\//, '')
  if (database !== '' && !/^\d+$/.test(database)) {
    throw new Error('REDIS_URL may end with a database number only, such as /0')
  }
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: database === '' ? 0 : Number(database),
    tls: url.protocol === 'rediss:' ? {} : undefined,
    keyPrefix: '',
    connectTimeout: 5000,
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 2000),
  }
}

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    // Without REDIS_URL this connection is declared but never opened.
    main: redisConnectionFromUrl(redisUrl ?? 'redis://127.0.0.1:6379/0'),
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
