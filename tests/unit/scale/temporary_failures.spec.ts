import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import HttpExceptionHandler, { temporaryFailure } from '#exceptions/handler'
import { isDatabaseUnavailable, isLockTimeout } from '#services/database_errors'

/* The error a query gets from a database nobody answers for (port 9 refuses at once). */
async function unreachableDatabaseError() {
  db.manager.add('nobody_home', {
    client: 'mysql2',
    connection: { host: '127.0.0.1', port: 9, user: 'nobody', password: 'x', database: 'none' },
    pool: { min: 0, max: 1, acquireTimeoutMillis: 800 },
  })
  try {
    return await db
      .connection('nobody_home')
      .rawQuery('select 1')
      .then(() => null)
      .catch((error: unknown) => error)
  } finally {
    await db.manager.close('nobody_home')
  }
}

async function answerTo(error: unknown, accept: string, url = '/learning/sessions/1/enrolments') {
  const ctx = await testUtils.createHttpContext()
  ctx.request.request.headers.accept = accept
  ctx.request.request.url = url
  await new HttpExceptionHandler().handle(error, ctx)
  return {
    status: ctx.response.getStatus(),
    retryAfter: ctx.response.getHeader('Retry-After'),
    type: String(ctx.response.getHeader('Content-Type') ?? ''),
    body: String(ctx.response.getBody() ?? ''),
  }
}

const lockWaitTimeout = Object.assign(
  new Error('Lock wait timeout exceeded; try restarting transaction'),
  { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }
)

test.group('Temporary database failures', () => {
  test('a database that cannot be reached is recognised as unavailable, not as busy', async ({
    assert,
  }) => {
    const error = await unreachableDatabaseError()
    assert.isNotNull(error)
    assert.isTrue(isDatabaseUnavailable(error))
    assert.isFalse(isLockTimeout(error))
  })

  test('lost connections, pool timeouts, Redis out of reach and wrapped causes are unavailable too', ({
    assert,
  }) => {
    assert.isTrue(isDatabaseUnavailable({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }))
    assert.isTrue(isDatabaseUnavailable({ errno: 1053, code: 'ER_SERVER_SHUTDOWN' }))
    assert.isTrue(isDatabaseUnavailable({ name: 'KnexTimeoutError' }))
    assert.isTrue(isDatabaseUnavailable({ name: 'MaxRetriesPerRequestError' }))
    assert.isTrue(
      isDatabaseUnavailable(new Error('query failed', { cause: { code: 'ECONNREFUSED' } }))
    )
  })

  test('lock-wait timeouts, deadlocks and a busy SQLite file are recognised as busy', ({
    assert,
  }) => {
    assert.isTrue(isLockTimeout(lockWaitTimeout))
    assert.isTrue(isLockTimeout({ errno: 1213, code: 'ER_LOCK_DEADLOCK' }))
    assert.isTrue(isLockTimeout({ code: 'SQLITE_BUSY' }))
    assert.isFalse(isDatabaseUnavailable(lockWaitTimeout))
  })

  test('other errors are neither', ({ assert }) => {
    for (const error of [
      new Error('boom'),
      { code: 'ER_DUP_ENTRY', errno: 1062 },
      { code: 'E_VALIDATION_ERROR', status: 422 },
      null,
      'text',
    ]) {
      assert.isFalse(isDatabaseUnavailable(error))
      assert.isFalse(isLockTimeout(error))
      assert.isNull(temporaryFailure(error))
    }
  })
})

test.group('Answers to temporary database failures', () => {
  test('a page request gets 503, Retry-After and the "try again" page, without internals', async ({
    assert,
  }) => {
    const answer = await answerTo(lockWaitTimeout, 'text/html')
    assert.equal(answer.status, 503)
    assert.equal(answer.retryAfter, '5')
    assert.include(answer.body, 'Try again later')
    assert.notInclude(answer.body, 'ER_LOCK_WAIT_TIMEOUT')
    assert.notInclude(answer.body, 'Lock wait timeout')
  })

  test('the API gets a 503 problem that says to try again', async ({ assert }) => {
    const answer = await answerTo(
      lockWaitTimeout,
      'application/json',
      '/api/v1/sessions/1/enrolments'
    )
    assert.equal(answer.status, 503)
    assert.equal(answer.retryAfter, '5')
    assert.include(answer.type, 'application/problem+json')
    const problem = JSON.parse(answer.body)
    assert.include(problem, { status: 503, title: 'Service unavailable' })
    assert.match(problem.detail, /nothing was saved\. Try again in a few seconds/)
  })

  test('a database that is down answers 503 with a longer Retry-After', async ({ assert }) => {
    const error = await unreachableDatabaseError()
    const answer = await answerTo(error, 'application/json', '/api/v1/me')
    assert.equal(answer.status, 503)
    assert.equal(answer.retryAfter, '30')
    assert.notInclude(answer.body, 'ECONNREFUSED')
    assert.match(JSON.parse(answer.body).detail, /cannot reach its database/)
  })
})
