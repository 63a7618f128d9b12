import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { apiAs } from '#tests/support/api'

test.group('Health, error pages and security headers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('GET /health answers 200, with the database state for operators', async ({
    client,
    assert,
  }) => {
    const response = await apiAs(
      client,
      `Bearer ${process.env.HEALTH_TOKEN ?? 'test-only-health-token'}`
    ).get('/health')
    response.assertStatus(200)
    assert.equal(response.body().status, 'ok')
    assert.equal(response.body().checks.database.status, 'ok')
  })

  test('an unknown page answers 404 with a page that leaks nothing', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client.get('/no-such-page').loginAs(user)
    response.assertStatus(404)
    response.assertTextIncludes('Page not found')
    assert.notInclude(response.text(), 'E_ROUTE_NOT_FOUND')
    assert.notInclude(response.text(), 'node_modules')
  })

  test('a page id that is not a number is a 404, not an error', async ({ client }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const response = await client.get('/admin/users/not-a-number').loginAs(admin)
    response.assertStatus(404)
  })

  test('a record has one address: an id written any other way than a plain whole number is a 404', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const plain = await client.get(`/admin/users/${admin.id}`).loginAs(admin)
    plain.assertStatus(200)

    for (const written of [`${admin.id}.0`, `0${admin.id}`, `+${admin.id}`, '1e0', '0x1']) {
      const page = await client.get(`/admin/users/${written}`).loginAs(admin)
      assert.equal(page.status(), 404, `/admin/users/${written}`)
      const api = await client.get(`/api/v1/role-profiles/${written}`).loginAs(admin)
      assert.equal(api.status(), 404, `/api/v1/role-profiles/${written}`)
    }
  })

  test('every parameter of every route is held to a whole number', async ({ assert }) => {
    const { default: router } = await import('@adonisjs/core/services/router')
    const unguarded = Object.values(router.toJSON())
      .flat()
      .flatMap((route) =>
        route.pattern
          .split('/')
          .filter((segment) => segment.startsWith(':'))
          .map((segment) => segment.slice(1).replace(/\?$/, ''))
          .filter((param) => !route.matchers[param])
          .map((param) => `${route.methods.join(',')} ${route.pattern} (:${param})`)
      )
    assert.deepEqual(unguarded, [], 'routes whose parameter takes any text')
  })

  test('pages carry a strict Content Security Policy and other protective headers', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/sign-in')
    const csp = response.header('content-security-policy') ?? ''
    assert.include(csp, "default-src 'self'")
    assert.match(csp, /script-src 'self' 'nonce-[^']+'/)
    assert.notInclude(csp, 'unsafe-eval')
    assert.notInclude(csp, 'unsafe-inline')
    assert.equal(response.header('x-frame-options'), 'DENY')
    assert.equal(response.header('x-content-type-options'), 'nosniff')
  })

  test('the layout has a skip link, a main landmark and one h1', async ({ client, assert }) => {
    const response = await client.get('/sign-in')
    const html = response.text()
    assert.include(html, 'href="#main-content"')
    assert.include(html, '<main id="main-content"')
    assert.lengthOf(html.match(/<h1[\s>]/g) ?? [], 1)
  })
})
