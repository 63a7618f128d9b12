/*
 * Recognises a unique-index violation on SQLite and MySQL, so two people
 * saving the same name at the same moment get a field message, not a 500:
 * the check before the insert covers the usual case, the index the race.
 */
export function isUniqueViolation(error: unknown) {
  const candidate = error as { code?: string; errno?: number } | null
  return (
    candidate?.code === 'ER_DUP_ENTRY' ||
    candidate?.errno === 1062 ||
    candidate?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    candidate?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}

/* Runs the work; a unique violation becomes the given expected result. */
export async function orOnDuplicate<T, F>(work: () => Promise<T>, duplicate: F): Promise<T | F> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate
    throw error
  }
}

type DriverError = {
  code?: unknown
  errno?: unknown
  name?: unknown
  fatal?: unknown
  cause?: unknown
}

/* Network failures and MySQL errors that mean "the database is not there just now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
])
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1203, 2002, 2003, 2006, 2013])

/* A row lock not granted in time, a deadlock victim, or a busy SQLite file. */
const BUSY_CODES = new Set([
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
])
const BUSY_ERRNOS = new Set([1205, 1213])

/* The error and the errors it wraps, outermost first (a few levels at most). */
function chain(error: unknown) {
  const found: DriverError[] = []
  let current = error
  while (current && typeof current === 'object' && found.length < 4) {
    found.push(current as DriverError)
    current = (current as DriverError).cause
  }
  return found
}

/*
 * The database cannot be reached or dropped the connection (stopped,
 * restarting, out of connections), or no pooled connection came free in
 * time; Redis, when it holds the shared state, counts as a database too.
 * The request failed as a whole and may be retried later; the service
 * reconnects by itself when the database is back.
 */
export function isDatabaseUnavailable(error: unknown) {
  return chain(error).some(
    (candidate) =>
      candidate.fatal === true ||
      candidate.name === 'KnexTimeoutError' ||
      candidate.name === 'MaxRetriesPerRequestError' ||
      (typeof candidate.code === 'string' && UNAVAILABLE_CODES.has(candidate.code)) ||
      (typeof candidate.errno === 'number' && UNAVAILABLE_ERRNOS.has(candidate.errno))
  )
}

/*
 * Another transaction held the row longer than the lock-wait timeout
 * (innodb_lock_wait_timeout), or the database broke a deadlock by rolling
 * this transaction back. The transaction is rolled back, so nothing of it
 * was written; trying again a moment later normally succeeds.
 */
export function isLockTimeout(error: unknown) {
  return chain(error).some(
    (candidate) =>
      (typeof candidate.code === 'string' && BUSY_CODES.has(candidate.code)) ||
      (typeof candidate.errno === 'number' && BUSY_ERRNOS.has(candidate.errno))
  )
}
