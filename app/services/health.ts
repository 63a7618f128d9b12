import db from '@adonisjs/lucid/services/db'

export type DatabaseHealth = {
  status: 'ok' | 'unavailable'
  connection: string
  latencyMs?: number
}

/*
 * Asks one database connection a trivial question, within a time limit,
 * so a dead database is reported quickly instead of hanging the check.
 */
export async function databaseHealth(
  connectionName = db.primaryConnectionName,
  timeoutMs = 2000
): Promise<DatabaseHealth> {
  const started = process.hrtime.bigint()
  let timer: NodeJS.Timeout | undefined
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database health check timed out')), timeoutMs)
    })
    // The primary, not a read replica: writes are what the service cannot do without.
    await Promise.race([
      db.connection(connectionName).getWriteClient().raw('select 1 as ok'),
      timeout,
    ])
    const latencyMs = Number(process.hrtime.bigint() - started) / 1e6
    return {
      status: 'ok',
      connection: connectionName,
      latencyMs: Math.round(latencyMs * 100) / 100,
    }
  } catch {
    return { status: 'unavailable', connection: connectionName }
  } finally {
    clearTimeout(timer)
  }
}
