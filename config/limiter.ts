import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'
import { chooseStore } from '#config/redis'

/*
 * Rate-limit counters. With REDIS_URL set they live in Redis, shared by
 * every instance; without it, in the application's database (also shared).
 * LIMITER_STORE overrides either default; `memory` suits tests only.
 */
const limiterConfig = defineConfig({
  default: chooseStore('LIMITER_STORE', env.get('LIMITER_STORE'), 'database'),
  stores: {
    database: stores.database({ tableName: 'rate_limits' }),
    memory: stores.memory({}),
    // Opens its Redis connection on first use only, so declaring it costs nothing without Redis.
    redis: stores.redis({ connectionName: 'main' }),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
