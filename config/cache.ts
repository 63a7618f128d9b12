import { defineConfig, drivers, store } from '@adonisjs/cache'
import { redisEnabled } from '#config/redis'

/*
 * The cache. Each process keeps recently used entries in memory. With
 * REDIS_URL set, entries are also kept in Redis, shared by every instance,
 * and a change or deletion made by one instance is announced over Redis so
 * the others drop their in-memory copy. Without it, the memory of one
 * process is all there is: right for a single instance.
 */
const cacheConfig = defineConfig({
  default: redisEnabled ? 'shared' : 'local',
  stores: {
    local: store().useL1Layer(drivers.memory({ maxSize: '50mb' })),
    // Declared only with REDIS_URL, so a process without it never opens a Redis connection.
    ...(redisEnabled
      ? {
          shared: store()
            .useL1Layer(drivers.memory({ maxSize: '50mb' }))
            .useL2Layer(drivers.redis({ connectionName: 'main', prefix: 'dcs:cache' }))
            .useBus(drivers.redisBus({ connectionName: 'main' })),
        }
      : {}),
  },
})

export default cacheConfig

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
