/*
 * The ceiling: a bare Node `http` server, no framework, that answers each
 * benchmark target with its main SQL query run through mysql2 (a pool of
 * the same size as the service's) and the rows as JSON. Started by
 * bench/http.ts as a child process; it reports its port over IPC.
 *
 *   GET  /<target>                       the target's query, rows as JSON
 *   POST /enrol?session=<id>&user=<id>   the enrolment transaction
 *
 * Configuration arrives in CEILING_CONFIG (JSON): the database and, for
 * each target, what its query needs (see ceiling_sql.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import mysql from 'mysql2/promise'
import { ceilingStatement, ENROL_SQL, sqlTime, type CeilingInput } from './ceiling_sql.js'

type Config = {
  database: { host: string; port: number; user: string; password: string; database: string }
  poolSize: number
  targets: Record<string, CeilingInput>
}

const config = JSON.parse(process.env.CEILING_CONFIG ?? '{}') as Config

const pool = mysql.createPool({
  ...config.database,
  connectionLimit: config.poolSize,
  charset: 'utf8mb4',
  timezone: 'Z',
  dateStrings: false,
})

function send(response: ServerResponse, status: number, body: string, type = 'application/json') {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
  })
  response.end(body)
}

/* One enrolment, in one transaction, as the service makes it (without its audit and e-mail). */
async function enrol(sessionId: number, userId: number) {
  const connection = await pool.getConnection()
  try {
    await connection.beginTransaction()
    const [sessions] = await connection.query<mysql.RowDataPacket[]>(ENROL_SQL.lockSession, [
      sessionId,
      1,
    ])
    const session = sessions[0]
    if (!session) {
      await connection.rollback()
      return { status: 404, body: { error: 'no such session' } }
    }
    await connection.query(ENROL_SQL.course, [session.course_id, 1])
    const [existing] = await connection.query<mysql.RowDataPacket[]>(ENROL_SQL.existing, [
      sessionId,
      userId,
      1,
    ])
    if (existing[0]) {
      await connection.commit()
      return { status: 200, body: { enrolment: existing[0] } }
    }
    const [counted] = await connection.query<mysql.RowDataPacket[]>(ENROL_SQL.booked, [
      sessionId,
      'booked',
    ])
    const now = sqlTime()
    let status = 'booked'
    let position: number | null = null
    if (Number(counted[0].total) >= Number(session.capacity)) {
      const [last] = await connection.query<mysql.RowDataPacket[]>(ENROL_SQL.lastPosition, [
        sessionId,
        'waitlisted',
        1,
      ])
      status = 'waitlisted'
      position = Number(last[0]?.last ?? 0) + 1
    }
    const [inserted] = await connection.query<mysql.ResultSetHeader>(ENROL_SQL.insert, [
      sessionId,
      status === 'booked' ? now : null,
      now,
      sessionId,
      status,
      now,
      userId,
      position,
    ])
    await connection.commit()
    return { status: 201, body: { id: inserted.insertId, status, waitlistPosition: position } }
  } catch (error) {
    await connection.rollback().catch(() => {})
    throw error
  } finally {
    connection.release()
  }
}

async function handle(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://ceiling')
  const name = url.pathname.slice(1)
  const input = config.targets[name]
  if (!input) return send(response, 404, '{"error":"no such target"}')

  if (input.kind === 'static') return send(response, 200, input.body, input.contentType)
  if (input.kind === 'enrol') {
    // The request body is not needed, but is read, as the service reads its form.
    for await (const chunk of request) void chunk
    const result = await enrol(
      Number(url.searchParams.get('session')),
      Number(url.searchParams.get('user'))
    )
    return send(response, result.status, JSON.stringify(result.body))
  }
  const statement = ceilingStatement(input)!
  const [rows] = await pool.query(statement.sql, statement.params)
  send(response, 200, JSON.stringify(rows))
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: Error) => {
    if (!response.headersSent) send(response, 500, JSON.stringify({ error: error.message }))
    else response.destroy()
  })
})
server.keepAliveTimeout = 65_000

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
})

process.on('SIGTERM', () => {
  server.close()
  void pool.end().finally(() => process.exit(0))
})
