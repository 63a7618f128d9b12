import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { submitSignIn } from '#tests/support/forms'
import type User from '#models/user'

/*
 * What every page action takes from its request (start/http_context.ts):
 * backWithErrors, which sends a refused form back, and organisationScope(),
 * the signed-in person's organisation scope.
 */
test.group('Forms sent back with their messages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a refused form goes back to its page with what was typed, never the password', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await submitSignIn(client, user.email, 'not-the-password').header(
      'referer',
      '/sign-in'
    )
    response.assertStatus(302)
    response.assertHeader('location', '/sign-in')
    const flashed = response.flashMessages()
    assert.deepEqual(flashed.inputErrorsBag, {
      email: ['Enter a correct email address and password'],
    })
    assert.equal(flashed.email, user.email)
    assert.notProperty(flashed, 'password')
    assert.notProperty(flashed, '_csrf')
  })

  test('a form refused for too many attempts is answered 429 and still sent back', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    for (let attempt = 0; attempt < 5; attempt++) {
      await submitSignIn(client, user.email, 'wrong-password')
    }
    const response = await submitSignIn(client, user.email, TEST_PASSWORD).header(
      'referer',
      '/sign-in'
    )
    response.assertStatus(429)
    response.assertHeader('location', '/sign-in')
    const flashed = response.flashMessages()
    assert.match(
      (flashed.inputErrorsBag as Record<string, string[]>).email[0],
      /^Too many attempts to sign in\. Wait /
    )
    assert.equal(flashed.email, user.email)
    assert.notProperty(flashed, 'password')
  })

  test('a refused password change keeps none of the passwords typed', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await client
      .put('/profile/password')
      .header('referer', '/profile/password')
      .loginAs(user)
      .withCsrfToken()
      .form({
        currentPassword: 'not-the-password',
        newPassword: 'a-much-longer-passphrase',
        confirmPassword: 'a-much-longer-passphrase',
      })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/profile/password')
    const flashed = response.flashMessages()
    assert.deepEqual(flashed.inputErrorsBag, {
      currentPassword: ['The current password is not correct'],
    })
    for (const field of ['currentPassword', 'newPassword', 'confirmPassword']) {
      assert.notProperty(flashed, field)
    }
  })
})

test.group('The organisation scope of a request', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /* A request signed in as this person, counting how often the person is asked for. */
  async function requestOf(user: User) {
    const ctx = await testUtils.createHttpContext()
    const asked = { times: 0 }
    ctx.auth = {
      getUserOrFail: () => {
        asked.times++
        return user
      },
    } as unknown as HttpContext['auth']
    return { ctx, asked }
  }

  test('is read once per request, also when taken apart from the request', async ({ assert }) => {
    const { hrA, departmentA, departmentB } = await twoDepartments()
    const { ctx, asked } = await requestOf(hrA)
    const { organisationScope } = ctx
    const [first, second] = await Promise.all([organisationScope(), ctx.organisationScope()])
    assert.strictEqual(first, second)
    assert.equal(asked.times, 1)
    assert.isTrue(await first.includes(departmentA.id))
    assert.isFalse(await first.includes(departmentB.id))
  })

  test('belongs to its own request: another person signed in gets their own', async ({
    assert,
  }) => {
    const { hrA, hrB, departmentA, departmentB } = await twoDepartments({ hrB: {} })
    const [requestA, requestB] = await Promise.all([requestOf(hrA), requestOf(hrB)])
    const a = await requestA.ctx.organisationScope()
    const b = await requestB.ctx.organisationScope()
    assert.notStrictEqual(a, b)
    assert.isTrue(await b.includes(departmentB.id))
    assert.isFalse(await b.includes(departmentA.id))
  })
})
