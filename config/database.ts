import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'

/*
 * SQLite is the zero-set-up default; DB_CONNECTION=mysql switches to MySQL.
 * The test environment always uses databases of its own, so a test run can
 * never wipe development or production data.
 */
const inTest = app.getEnvironment() === 'test' || env.get('NODE_ENV') === 'test'

const sqliteFile = inTest
  ? env.get('SQLITE_TEST_FILENAME', 'tmp/test.sqlite3')
  : env.get('SQLITE_FILENAME', 'tmp/db.sqlite3')

const mysqlDatabase = inTest
  ? env.get('DB_TEST_DATABASE', 'dcs_test')
  : env.get('DB_DATABASE', 'digital_capability')

const migrations = { naturalSort: true, paths: ['database/migrations'] }

/*
 * MySQL read replicas from DB_READ_HOSTS: `host` or `host:port` entries,
 * comma-separated (the port defaults to DB_PORT's). With replicas, Lucid
 * sends reads made outside a transaction to them in turn (reports, lists,
 * pages), and every write and every transaction (the seat allocation
 * among them) to DB_HOST, the primary. Each replica uses the same user,
 * password and database name as the primary.
 */
export function readReplicaHosts(list: string | undefined, defaultPort: number) {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(entry)
      if (!match) throw new Error(`DB_READ_HOSTS: "${entry}" is not a host or host:port`)
      return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port: Number(match[2] ?? defaultPort) }
    })
}

const mysqlHost = env.get('DB_HOST', '127.0.0.1')
const mysqlPort = env.get('DB_PORT', 3306)
const readHosts = readReplicaHosts(env.get('DB_READ_HOSTS'), mysqlPort)

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: sqliteFile.startsWith('/') ? sqliteFile : app.makePath(sqliteFile),
      },
      useNullAsDefault: true,
      migrations,
      schemaGeneration: { enabled: false },
      // One connection: SQLite has one writer, and a single connection makes
      // every transaction wait its turn instead of failing with SQLITE_BUSY.
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: any, done: (error: Error | null, conn: any) => void) => {
          conn.pragma('foreign_keys = ON')
          conn.pragma('journal_mode = WAL')
          conn.pragma('busy_timeout = 5000')
          done(null, conn)
        },
      },
    },
    mysql: {
      client: 'mysql2',
      connection: {
        host: mysqlHost,
        port: mysqlPort,
        user: env.get('DB_USER', 'root'),
        password: env.get('DB_PASSWORD', ''),
        database: mysqlDatabase,
        charset: 'utf8mb4',
        timezone: 'Z',
        dateStrings: false,
      },
      migrations,
      schemaGeneration: { enabled: false },
      pool: { min: 0, max: 10 },
      ...(readHosts.length > 0
        ? {
            replicas: {
              write: { connection: { host: mysqlHost, port: mysqlPort } },
              read: { connection: readHosts },
            },
          }
        : {}),
    },
  },
})

export default dbConfig
