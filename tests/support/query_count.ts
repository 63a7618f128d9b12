import db from '@adonisjs/lucid/services/db'

/*
 * The SQL statements the default connection runs while `work` runs, in
 * order: for a test that a read costs a fixed number of queries. Listens
 * on the connection's client, so it counts inside a global transaction too.
 */
export async function queriesRunBy<Result>(work: () => Promise<Result>) {
  const statements: string[] = []
  const listen = (query: { sql: string }) => statements.push(query.sql)
  const connection = db.connection()
  const clients = new Set([connection.getWriteClient(), connection.getReadClient()])
  for (const client of clients) client.on('query', listen)
  try {
    const result = await work()
    return { result, statements }
  } finally {
    for (const client of clients) client.off('query', listen)
  }
}
