import { defineConfig, stores } from '@adonisjs/lock'
import { redisEnabled } from '#config/redis'

/*
 * Locks that keep one piece of work from running twice at once. With
 * REDIS_URL set they live in Redis, so they hold across every instance;
 * without it, in the memory of one process: right for a single instance.
 */
const lockConfig = defineConfig({
  default: redisEnabled ? 'redis' : 'memory',
  stores: {
    memory: stores.memory(),
    // Declared only with REDIS_URL, so a process without it never opens a Redis connection.
    ...(redisEnabled ? { redis: stores.redis({ connectionName: 'main' }) } : {}),
  },
})

export default lockConfig

declare module '@adonisjs/lock/types' {
  export interface LockStoresList extends InferLockStores<typeof lockConfig> {}
}
