import { spawn } from 'node:child_process'
import { accessSync, constants, createReadStream } from 'node:fs'
import { access, open, rename, rm, stat } from 'node:fs/promises'
import { delimiter, dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import dbConfig from '#config/database'

/*
 * Backup and restore of the service's database (docs/backup.md): SQLite
 * through its online backup API, MySQL through mysqldump in one
 * transaction. Both take a consistent copy while the service runs.
 */

export type BackupResult =
  | { type: 'written'; file: string; bytes: number; milliseconds: number; dialect: Dialect }
  | { type: 'failed'; message: string }

export type RestoreResult =
  | { type: 'restored'; database: string; milliseconds: number; dialect: Dialect }
  | { type: 'not_empty'; database: string; tables: number }
  | { type: 'failed'; message: string }

type Dialect = 'sqlite' | 'mysql'

/* The last line mysqldump writes: a file without it was cut short. */
const DUMP_COMPLETED = '-- Dump completed'

/* Copies every page in one step: a writer in another process cannot make the copy start over. */
const ALL_PAGES = 0x7fffffff

type SqliteTarget = { dialect: 'sqlite'; filename: string }
type MysqlTarget = {
  dialect: 'mysql'
  host: string
  port: number
  user: string
  password: string
  database: string
}

/* The database the service is configured to use (DB_CONNECTION and its settings). */
function target(): SqliteTarget | MysqlTarget {
  const config = dbConfig.connections[dbConfig.connection] as any
  if (config.client === 'better-sqlite3') {
    return { dialect: 'sqlite', filename: String(config.connection.filename) }
  }
  const connection = config.connection
  return {
    dialect: 'mysql',
    host: String(connection.host),
    port: Number(connection.port),
    user: String(connection.user),
    password: String(connection.password ?? ''),
    database: String(connection.database),
  }
}

/* Writes a consistent copy of the database to a file, while the service goes on running. */
export async function backupDatabase(to: string): Promise<BackupResult> {
  const file = resolve(to)
  const partial = join(dirname(file), `.${Date.now()}-partial-backup`)
  const started = performance.now()
  const database = target()
  try {
    await access(dirname(file), constants.W_OK)
  } catch {
    return {
      type: 'failed',
      message: `The folder ${dirname(file)} does not exist or is not writable`,
    }
  }
  try {
    if (database.dialect === 'sqlite') {
      const source = new Database(database.filename, { fileMustExist: true })
      try {
        await source.backup(partial, { progress: () => ALL_PAGES })
      } finally {
        source.close()
      }
      selfContained(partial)
      const fault = sqliteFault(partial)
      if (fault) throw new Error(fault)
    } else {
      const client = findClient(['mysqldump', 'mariadb-dump'])
      if (!client) throw new Error('Neither mysqldump nor mariadb-dump is on the PATH')
      await run(client, [
        ...connectionArguments(database),
        '--single-transaction',
        '--routines',
        '--triggers',
        '--no-tablespaces',
        '--hex-blob',
        '--default-character-set=utf8mb4',
        `--result-file=${partial}`,
        database.database,
      ])
      if (!(await endsWith(partial, DUMP_COMPLETED))) {
        throw new Error(`${client} stopped before the end of the dump`)
      }
    }
    await rename(partial, file)
  } catch (error) {
    await rm(partial, { force: true })
    return { type: 'failed', message: (error as Error).message }
  }
  const { size } = await stat(file)
  return {
    type: 'written',
    file,
    bytes: size,
    milliseconds: Math.round(performance.now() - started),
    dialect: database.dialect,
  }
}

/*
 * Loads a backup into the configured database. A database that already
 * has tables is replaced only with `force`, so a mistyped setting cannot
 * overwrite live data.
 */
export async function restoreDatabase(
  from: string,
  options: { force?: boolean } = {}
): Promise<RestoreResult> {
  const file = resolve(from)
  const started = performance.now()
  const database = target()
  const name = database.dialect === 'sqlite' ? database.filename : database.database
  try {
    await access(file, constants.R_OK)
  } catch {
    return { type: 'failed', message: `There is no backup file at ${file}` }
  }
  try {
    if (database.dialect === 'sqlite') {
      const fault = sqliteFault(file)
      if (fault)
        return { type: 'failed', message: `${file} is not a whole SQLite backup: ${fault}` }
      const tables = sqliteTables(database.filename)
      if (tables > 0 && !options.force) return { type: 'not_empty', database: name, tables }
      const backup = new Database(file, { readonly: true, fileMustExist: true })
      try {
        await backup.backup(database.filename, { progress: () => ALL_PAGES })
      } finally {
        backup.close()
      }
    } else {
      if (!(await endsWith(file, DUMP_COMPLETED))) {
        return { type: 'failed', message: `${file} is not a whole mysqldump file` }
      }
      const client = findClient(['mysql', 'mariadb'])
      if (!client) throw new Error('Neither mysql nor mariadb is on the PATH')
      const connection = [...connectionArguments(database), database.database]
      const tables = Number(
        await run(client, [
          ...connection,
          '--batch',
          '--skip-column-names',
          '--execute=SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()',
        ])
      )
      if (tables > 0 && !options.force) return { type: 'not_empty', database: name, tables }
      await run(client, [...connection, '--default-character-set=utf8mb4'], file)
    }
  } catch (error) {
    return { type: 'failed', message: (error as Error).message }
  }
  return {
    type: 'restored',
    database: name,
    milliseconds: Math.round(performance.now() - started),
    dialect: database.dialect,
  }
}

/*
 * The copy takes the source's write-ahead-log mode: switched back to a
 * rollback journal, it is one file, with no -wal or -shm beside it to lose.
 */
function selfContained(filename: string) {
  const copy = new Database(filename, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

/* Why a SQLite file is not a sound database, or null when it is. */
function sqliteFault(filename: string) {
  const copy = new Database(filename, { readonly: true, fileMustExist: true })
  try {
    const result = copy.pragma('integrity_check', { simple: true })
    return result === 'ok' ? null : String(result)
  } catch (error) {
    return (error as Error).message
  } finally {
    copy.close()
  }
}

function sqliteTables(filename: string) {
  let existing: Database.Database
  try {
    existing = new Database(filename, { readonly: true, fileMustExist: true })
  } catch {
    return 0
  }
  try {
    const row = existing
      .prepare("SELECT COUNT(*) AS total FROM sqlite_master WHERE type = 'table'")
      .get() as { total: number }
    return row.total
  } finally {
    existing.close()
  }
}

/* The password goes in the environment (MYSQL_PWD), never on the command line. */
function connectionArguments(database: MysqlTarget) {
  return [
    '--no-defaults',
    '--protocol=TCP',
    `--host=${database.host}`,
    `--port=${database.port}`,
    `--user=${database.user}`,
  ]
}

/* The first of these programs found on the PATH. */
function findClient(names: string[]) {
  const folders = (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/usr/local/bin'])
  for (const name of names) {
    for (const folder of folders) {
      const path = join(folder, name)
      try {
        accessSync(path, constants.X_OK)
        return path
      } catch {}
    }
  }
  return null
}

/* Runs a MySQL client program; resolves with what it printed, rejects with its error output. */
function run(command: string, args: string[], input?: string) {
  const database = target() as MysqlTarget
  return new Promise<string>((done, fail) => {
    const child = spawn(command, args, {
      env: { ...process.env, MYSQL_PWD: database.password },
      stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let errors = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (errors += chunk))
    if (input && child.stdin) {
      // A client that stops early closes its input: its own error output says why.
      child.stdin.on('error', () => {})
      createReadStream(input).on('error', fail).pipe(child.stdin)
    }
    child.on('error', fail)
    child.on('close', (code) => {
      if (code === 0) done(output.trim())
      else fail(new Error(`${command} failed (exit code ${code}): ${errors.trim()}`))
    })
  })
}

async function endsWith(file: string, text: string) {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const length = Math.min(size, 200)
    const buffer = Buffer.alloc(length)
    await handle.read(buffer, 0, length, size - length)
    return buffer.toString('utf8').includes(text)
  } finally {
    await handle.close()
  }
}
