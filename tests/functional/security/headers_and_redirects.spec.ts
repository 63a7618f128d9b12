import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { createProvider } from '#database/factories/learning_factory'
import { bearer, apiAs } from '#tests/support/api'
import { submitAs } from '#tests/support/forms'

const HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
}

test.group('Security headers on every answer', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('signed-in pages, the API, the sign-in page and error pages are never stored, and carry the policy headers', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const token = await bearer(user)
    const answers = [
      ['/', await client.get('/').loginAs(user)],
      ['/profile', await client.get('/profile').loginAs(user)],
      ['/learning/record', await client.get('/learning/record').loginAs(user)],
      ['/no-such-page', await client.get('/no-such-page').loginAs(user)],
      ['/sign-in', await client.get('/sign-in')],
      ['/api/v1/me', await apiAs(client, token).get('/api/v1/me')],
      ['/api/v1/me unauthenticated', await client.get('/api/v1/me')],
      [
        'POST /api/v1/tokens',
        await client
          .post('/api/v1/tokens')
          .json({ email: user.email, password: TEST_PASSWORD, name: 'x' }),
      ],
    ] as const
    for (const [label, response] of answers) {
      for (const [name, value] of Object.entries(HEADERS)) {
        assert.equal(response.header(name), value, `${label}: ${name}`)
      }
      assert.include(response.header('permissions-policy') ?? '', 'camera=()', label)
    }
  })

  test('a call to the JSON API gets no session and a policy that allows nothing; pages keep theirs', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const token = await bearer(user)
    const page = await client.get('/sign-in')
    const apiCalls = {
      'GET /api/v1/me': await client.get('/api/v1/me').header('Authorization', token),
      'GET /api/v1/me unauthenticated': await client.get('/api/v1/me'),
      'an unknown API address': await client.get('/api/v1/no-such-thing'),
      'POST /api/v1/tokens': await client
        .post('/api/v1/tokens')
        .json({ email: user.email, password: TEST_PASSWORD, name: 'x' }),
    }
    assert.match(String(page.header('set-cookie')), /dcs-session=/)
    assert.match(page.header('content-security-policy') ?? '', /script-src 'self' 'nonce-/)
    for (const [label, response] of Object.entries(apiCalls)) {
      assert.isUndefined(response.header('set-cookie'), `${label}: no cookie`)
      assert.equal(
        response.header('content-security-policy'),
        "default-src 'none'; frame-ancestors 'none'",
        label
      )
      assert.equal(response.header('x-frame-options'), 'DENY', label)
      assert.equal(response.header('x-content-type-options'), 'nosniff', label)
      assert.equal(
        response.header('strict-transport-security'),
        page.header('strict-transport-security'),
        label
      )
    }
    assert.equal(apiCalls['GET /api/v1/me'].status(), 200)
    assert.equal(apiCalls['POST /api/v1/tokens'].status(), 201)
  })

  test('/health tells anyone only whether the service is up; operators with the token see the database', async ({
    client,
    assert,
  }) => {
    const anyone = await client.get('/health')
    anyone.assertStatus(200)
    assert.deepEqual(anyone.body(), { status: 'ok' })
    assert.notMatch(anyone.text(), /sqlite|mysql|connection|latency/i)

    const wrong = await apiAs(client, 'Bearer not-the-token').get('/health')
    assert.deepEqual(wrong.body(), { status: 'ok' })

    const operator = await apiAs(
      client,
      `Bearer ${process.env.HEALTH_TOKEN ?? 'test-only-health-token'}`
    ).get('/health')
    operator.assertStatus(200)
    assert.equal(operator.body().checks.database.status, 'ok')
  })
})

test.group('Signing in returns only to this site', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a return address that a browser could read as another site sends the person home', async ({
    client,
  }) => {
    const user = await createUser()
    for (const returnTo of [
      '/\\evil.example/',
      '/%5Cevil.example/',
      '//evil.example',
      'https://evil.example',
    ]) {
      const response = await client
        .post('/sign-in')
        .withCsrfToken()
        .form({ email: user.email, password: TEST_PASSWORD, returnTo })
        .redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/')
    }
    const local = await client
      .post('/sign-in')
      .withCsrfToken()
      .form({ email: user.email, password: TEST_PASSWORD, returnTo: '/learning/record?page=2' })
      .redirects(0)
    local.assertHeader('location', '/learning/record?page=2')
  })
})

const COURSE_FORM = {
  code: 'AGILE-201',
  title: '',
  mode: 'blended',
  durationHours: '10.5',
  cost: '£1,250.50',
  status: 'published',
  requiresApproval: 'true',
}

test.group('What a refused form flashes back', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a field at its 5,000-character maximum comes back whole with the error summary', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const provider = await createProvider('Digital Academy', [admin])
    const summary = `${'Leading teams. '.repeat(334).slice(0, 4999)}.`
    const response = await submitAs(client, admin).post('/learning/admin/courses', {
      ...COURSE_FORM,
      provider: provider.id,
      summary,
    })
    response.assertStatus(302)
    const flashed = response.flashMessages() as Record<string, any>
    assert.equal(flashed.summary, summary)
    assert.deepEqual(Object.keys(flashed.inputErrorsBag), ['title'])
  })

  test('an oversized body is not flashed whole: the largest fields are left out, errors and the rest still arrive', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const provider = await createProvider('Digital Academy', [admin])
    const response = await submitAs(client, admin).post('/learning/admin/courses', {
      ...COURSE_FORM,
      provider: provider.id,
      summary: 'Short.',
      padding: 'p'.repeat(120_000),
    })
    response.assertStatus(302)
    const flashed = response.flashMessages() as Record<string, any>
    assert.isUndefined(flashed.padding)
    assert.equal(flashed.summary, 'Short.')
    assert.equal(flashed.code, 'AGILE-201')
    assert.property(flashed.inputErrorsBag, 'title')
    assert.isBelow(JSON.stringify(flashed).length, 40_000)
  })
})
