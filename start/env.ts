/*
 * Validates the environment at boot, so a missing or malformed variable
 * stops the process with a clear message instead of failing later.
 */
import { Env } from '@adonisjs/core/env'
import { CronPattern } from 'croner'
import { UK_ZONE } from '#domain/shared/uk_time'

/* A five-field cron pattern (minute hour day month weekday), or undefined when unset. */
export function cronPattern(name: string, value?: string) {
  if (!value) return undefined
  const pattern = value.trim()
  let valid = pattern.split(/\s+/).length === 5
  if (valid) {
    try {
      new CronPattern(pattern, UK_ZONE)
    } catch {
      valid = false
    }
  }
  if (!valid) {
    throw new Error(
      `Value for environment variable "${name}" must be a cron pattern of five fields (minute hour day month weekday), such as "30 2 * * *" for 02:30 every day`
    )
  }
  return pattern
}

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  // The server listens on 3333 unless given; the tests' server takes a free one (bin/test.ts).
  PORT: Env.schema.number.optional(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.string(),
  /* Operators' key to /health's details (database, latency): sent as a bearer token. */
  HEALTH_TOKEN: Env.schema.secret.optional(),
  // Where people send feedback and questions about the service (the feedback page shows it).
  SUPPORT_EMAIL: Env.schema.string.optional({ format: 'email' }),

  /*
   * Where sessions live: database or redis (shared by every instance), memory (tests).
   * Unset: redis when REDIS_URL is set, else database. An encrypted cookie is
   * refused: a session kept in the browser cannot be ended by signing out.
   */
  SESSION_DRIVER: (name: string, value?: string) => {
    if (!value) return undefined
    if (value === 'cookie') {
      throw new Error(
        `Value for environment variable "${name}" cannot be cookie any more: a session kept in the browser cannot be ended by signing out. Use database or redis, or leave it unset`
      )
    }
    if (value !== 'database' && value !== 'redis' && value !== 'memory') {
      throw new Error(
        `Value for environment variable "${name}" must be database, redis or memory, or unset`
      )
    }
    return value
  },

  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'mysql'] as const),
  SQLITE_FILENAME: Env.schema.string.optional(),
  SQLITE_TEST_FILENAME: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_TEST_DATABASE: Env.schema.string.optional(),
  /* MySQL read replicas for reads outside transactions: host or host:port, comma-separated. */
  DB_READ_HOSTS: Env.schema.string.optional(),

  /* Shared state for several instances: redis://[user:password@]host[:port][/db]. */
  REDIS_URL: (name: string, value?: string) => {
    if (!value) return undefined
    if (!/^rediss?:\/\/[^/\s]+(\/\d*)?$/.test(value)) {
      throw new Error(
        `Value for environment variable "${name}" must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379/0`
      )
    }
    return value
  },

  LIMITER_STORE: Env.schema.enum.optional(['database', 'memory', 'redis'] as const),

  /*
   * Two-step verification compulsory for capability admins and department HR
   * who sign in with a password (config/two_step.ts): true or false. Unset:
   * on in production, off elsewhere.
   */
  TWO_STEP_COMPULSORY: Env.schema.boolean.optional(),

  QUEUE_DRIVER: Env.schema.enum.optional(['database', 'sync', 'redis'] as const),
  QUEUE_INLINE_WORKER: Env.schema.boolean.optional(),

  /* The clock-driven work of config/scheduler.ts: on unless false. */
  SCHEDULER_ENABLED: Env.schema.boolean.optional(),
  /* When the day's snapshot is taken, in UK time: a five-field cron pattern, such as 30 2 * * *. */
  SNAPSHOT_CRON: cronPattern,

  /* CSV exports: rows above which a queued job writes a file, where files go, days kept. */
  /* How long a dashboard panel's figures are kept before they are counted again (seconds; 0 counts every time). */
  INSIGHTS_CACHE_SECONDS: Env.schema.number.optional(),
  /* How long the catalogue's filter choices are kept before they are counted again (seconds; 0 counts every time). */
  CATALOGUE_CACHE_SECONDS: Env.schema.number.optional(),
  /* Action 02 warnings (config/workforce.ts): the lowest grade for a service of over 1 million transactions a year, and the most services one Service Manager may hold. */
  SERVICE_MANAGER_MINIMUM_GRADE: Env.schema.enum.optional([
    'AA',
    'AO',
    'EO',
    'HEO',
    'SEO',
    'G7',
    'G6',
    'SCS1',
    'SCS2',
    'SCS3',
    'SCS4',
  ] as const),
  SERVICE_MANAGER_MAX_SERVICES: Env.schema.number.optional(),
  SERVICE_PERFORMANCE_OUTLIER_FACTOR: Env.schema.number.optional(),

  EXPORTS_JOB_THRESHOLD: Env.schema.number.optional(),
  EXPORTS_PATH: Env.schema.string.optional(),
  EXPORTS_KEEP_DAYS: Env.schema.number.optional(),
  /* Where e-learning packages' extracted files are kept (config/learning_packages.ts). */
  LEARNING_PACKAGES_PATH: Env.schema.string.optional(),

  /* Keeping times (config/retention.ts): leavers' personal data and audit events in years, used or expired password links in days. */
  RETENTION_LEAVERS_YEARS: Env.schema.number.optional(),
  RETENTION_AUDIT_EVENTS_YEARS: Env.schema.number.optional(),
  RETENTION_PASSWORD_LINKS_DAYS: Env.schema.number.optional(),
  /* When retention is applied each day, in UK time: a five-field cron pattern. */
  RETENTION_CRON: cronPattern,

  MAIL_MAILER: Env.schema.enum.optional(['smtp', 'folder'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.secret.optional(),
})
