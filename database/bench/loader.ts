import { performance } from 'node:perf_hooks'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'

/*
 * Writes the benchmark rows fast and in order: one multi-row INSERT per
 * chunk, ids given explicitly (read once as the table's highest id, then
 * counted on), a transaction committed every COMMIT_EVERY rows, and a
 * table's parents flushed before it so foreign keys always hold. It also
 * keeps the time each table spends in its inserts, for the rows/s report.
 */

/* SQLite has long capped a multi-row insert at 500 rows (its compound-select limit): keep well under. */
const SQLITE_CHUNK = 400
const MYSQL_CHUNK = 1000
const COMMIT_EVERY = 200_000

export type Log = (line: string) => void

export type TableReport = { table: string; rows: number; seconds: number }

type SqliteStatement = { run(bindings: unknown[]): unknown }
type SqliteConnection = { prepare(sql: string): SqliteStatement }

const isSqlite = (dialect: string) => dialect === 'better-sqlite3' || dialect === 'sqlite3'

export class TableWriter {
  rows = 0
  seconds = 0
  private buffer: unknown[] = []
  private buffered = 0
  private nextId = 0
  private sqlByCount = new Map<number, string>()
  private statements = new Map<number, SqliteStatement>()
  private readonly width: number

  constructor(
    private loader: Loader,
    readonly table: string,
    readonly columns: readonly string[],
    private options: { ids: boolean; firstId: number; after: TableWriter[] }
  ) {
    this.nextId = options.firstId
    this.width = columns.length + (options.ids ? 1 : 0)
  }

  /* The id the next row will get. */
  peekId() {
    return this.nextId
  }

  /* Queues a row (values in column order, without the id) and returns its id. */
  async insert(values: unknown[]): Promise<number> {
    const id = this.nextId
    if (this.options.ids) {
      this.buffer.push(id)
      this.nextId += 1
    }
    // better-sqlite3 binds numbers, strings and null, not booleans.
    for (const value of values) this.buffer.push(typeof value === 'boolean' ? Number(value) : value)
    this.buffered += 1
    this.rows += 1
    if (this.buffered >= this.loader.chunk) await this.flush()
    return id
  }

  async flush() {
    if (this.buffered === 0) return
    for (const parent of this.options.after) await parent.flush()
    const count = this.buffered
    const bindings = this.buffer
    this.buffer = []
    this.buffered = 0
    const started = performance.now()
    const connection = this.loader.sqlite ? await this.loader.sqliteConnection() : null
    if (connection) {
      let statement = this.statements.get(count)
      if (!statement) {
        statement = connection.prepare(this.sql(count))
        this.statements.set(count, statement)
      }
      statement.run(bindings)
    } else {
      await this.loader.trx.rawQuery(this.sql(count), bindings as RawQueryBindings)
    }
    this.seconds += (performance.now() - started) / 1000
    await this.loader.written(count, this)
  }

  private sql(count: number) {
    let sql = this.sqlByCount.get(count)
    if (sql) return sql
    const quote = this.loader.quote
    const columns = [...(this.options.ids ? ['id'] : []), ...this.columns].map(quote).join(', ')
    const row = `(${Array.from({ length: this.width }, () => '?').join(', ')})`
    sql = `insert into ${quote(this.table)} (${columns}) values ${Array.from({ length: count }, () => row).join(', ')}`
    this.sqlByCount.set(count, sql)
    return sql
  }
}

export class Loader {
  readonly chunk: number
  readonly sqlite: boolean
  readonly quote: (name: string) => string
  trx!: TransactionClientContract
  private writers = new Map<string, TableWriter>()
  private sinceCommit = 0
  private progressAt = new Map<string, number>()
  private restore: string[] = []

  constructor(
    dialect: string,
    private log: Log
  ) {
    this.sqlite = isSqlite(dialect)
    this.chunk = this.sqlite ? SQLITE_CHUNK : MYSQL_CHUNK
    this.quote = this.sqlite ? (name) => `"${name}"` : (name) => `\`${name}\``
  }

  /*
   * SQLite: no fsync per commit and a larger page cache while loading
   * (benchmark data can be made again), put back as they were afterwards.
   */
  async begin() {
    if (this.sqlite) {
      for (const pragma of ['synchronous', 'cache_size', 'temp_store']) {
        const [row] = await db.rawQuery(`PRAGMA ${pragma}`)
        this.restore.push(`PRAGMA ${pragma} = ${Number(Object.values(row)[0])}`)
      }
      await db.rawQuery('PRAGMA synchronous = OFF')
      await db.rawQuery('PRAGMA cache_size = -262144')
      await db.rawQuery('PRAGMA temp_store = MEMORY')
    }
    this.trx = await db.transaction()
  }

  async end() {
    for (const writer of this.writers.values()) await writer.flush()
    await this.trx.commit()
    await this.restoreSettings()
  }

  async abort() {
    if (this.trx && !this.trx.isCompleted) await this.trx.rollback()
    await this.restoreSettings()
  }

  private async restoreSettings() {
    for (const statement of this.restore) await db.rawQuery(statement)
    this.restore = []
  }

  /* The writer for a table, created on first use; `after` are the tables its rows point at. */
  async table(
    table: string,
    columns: readonly string[],
    options: { ids?: boolean; after?: TableWriter[] } = {}
  ) {
    const existing = this.writers.get(table)
    if (existing) {
      if (existing.columns.join() !== columns.join())
        throw new Error(`The ${table} writer was opened with other columns.`)
      return existing
    }
    const ids = options.ids ?? true
    let firstId = 0
    if (ids) {
      const row = await this.trx.from(table).max('id as last').first()
      firstId = Number(row?.last ?? 0) + 1
    }
    const writer = new TableWriter(this, table, columns, {
      ids,
      firstId,
      after: options.after ?? [],
    })
    this.writers.set(table, writer)
    return writer
  }

  /*
   * SQLite: the transaction's own better-sqlite3 connection (the pool has
   * one), so each chunk runs a statement prepared once instead of being
   * built and parsed again.
   */
  async sqliteConnection(): Promise<SqliteConnection> {
    const client = (
      this.trx.knexClient as unknown as {
        client: { acquireConnection(): Promise<SqliteConnection> }
      }
    ).client
    return client.acquireConnection()
  }

  /* A writer opened earlier, to name as the parent of another. */
  writer(table: string) {
    const writer = this.writers.get(table)
    if (!writer) throw new Error(`No writer for ${table} yet.`)
    return writer
  }

  /* Called after each chunk: commits now and then, and reports progress on large tables. */
  async written(count: number, writer: TableWriter) {
    this.sinceCommit += count
    const shown = this.progressAt.get(writer.table) ?? 0
    if (writer.rows - shown >= 500_000) {
      this.progressAt.set(writer.table, writer.rows)
      this.log(
        `  … ${writer.table}: ${writer.rows.toLocaleString('en-GB')} rows (${rate(writer.rows, writer.seconds)} rows/s in inserts)`
      )
    }
    if (this.sinceCommit >= COMMIT_EVERY) {
      this.sinceCommit = 0
      await this.trx.commit()
      this.trx = await db.transaction()
    }
  }

  /* Flushes the named tables (and what they point at) so their rows can be read or updated. */
  async flush(...tables: string[]) {
    for (const table of tables) await this.writers.get(table)?.flush()
  }

  reports(): TableReport[] {
    return [...this.writers.values()].map((writer) => ({
      table: writer.table,
      rows: writer.rows,
      seconds: writer.seconds,
    }))
  }
}

export function rate(rows: number, seconds: number) {
  return seconds > 0 ? Math.round(rows / seconds).toLocaleString('en-GB') : '–'
}

/* Empties every table but the migrations' own, foreign keys notwithstanding. */
export async function emptyDataTables() {
  await db.connection().truncateAllTables(['adonis_schema', 'adonis_schema_versions'])
}

/* How many people the database holds. */
export async function countPeople() {
  const row = await db.from('users').count('* as total').first()
  return Number(row?.total ?? 0)
}

const days = new Map<number, string>()
const twoDigits = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'))

/* "YYYY-MM-DD hh:mm:ss" in UTC, as the service stores timestamps (millions of calls: days are cached). */
export function sqlTime(ms: number) {
  const day = Math.floor(ms / 86_400_000)
  let date = days.get(day)
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10)
    days.set(day, date)
  }
  const seconds = Math.floor((ms - day * 86_400_000) / 1000)
  return `${date} ${twoDigits[Math.floor(seconds / 3600)]}:${twoDigits[Math.floor(seconds / 60) % 60]}:${twoDigits[seconds % 60]}`
}

/* "YYYY-MM-DD" (UTC). */
export function sqlDate(ms: number) {
  return new Date(ms).toISOString().slice(0, 10)
}

export const DAY = 86_400_000
export const HOUR = 3_600_000
