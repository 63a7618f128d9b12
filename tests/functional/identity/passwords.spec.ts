import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import User from '#models/user'
import { submitAs, submitSignIn } from '#tests/support/forms'

const COMMON = 'Choose a password that is harder to guess: this one is too common'
const REPEATED = 'Choose a password that is harder to guess: this one repeats the same characters'
const YOURS = 'Choose a password that is harder to guess: do not use your name or email address'
const THEIRS =
  'Choose a password that is harder to guess: do not use the person’s name or email address'

function changeTo(client: any, user: User, newPassword: string, currentPassword = TEST_PASSWORD) {
  return submitAs(client, user).put('/profile/password', {
    currentPassword,
    newPassword,
    confirmPassword: newPassword,
  })
}

test.group('Passwords: what a new password may be', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a common password is refused when a person changes theirs, and the old one still works', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    for (const weak of ['password1234', 'qwertyuiop123', 'Password2024!', 'dragon12345678']) {
      const response = await changeTo(client, user, weak)
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', { newPassword: [COMMON] })
    }
    const fresh = await User.findOrFail(user.id)
    assert.isTrue(await fresh.verifyPassword(TEST_PASSWORD))
  })

  test('one character, or a short group, repeated is refused', async ({ client }) => {
    const user = await createUser()
    for (const weak of ['aaaaaaaaaaaa', '111111111111111', 'abcabcabcabc']) {
      const response = await changeTo(client, user, weak)
      response.assertFlashMessage('inputErrorsBag', { newPassword: [REPEATED] })
    }
  })

  test('a person’s own email address or name is refused as their password', async ({ client }) => {
    const user = await createUser({
      overrides: { fullName: 'Augusta Ada Lovelace', email: 'augusta.lovelace@example.gov.uk' },
    })
    for (const weak of [
      'augusta.lovelace@example.gov.uk',
      'Augusta.Lovelace',
      'Augusta Ada Lovelace',
      'augustaadalovelace',
    ]) {
      const response = await changeTo(client, user, weak)
      response.assertFlashMessage('inputErrorsBag', { newPassword: [YOURS] })
    }
  })

  test('the minimum length stays, and a long uncommon passphrase with no mix of characters is accepted', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const short = await changeTo(client, user, 'short')
    short.assertFlashMessage('inputErrorsBag', {
      newPassword: ['The new password must be 12 characters or more'],
    })
    const good = await changeTo(client, user, 'lantern orchard pebble')
    good.assertHeader('location', '/profile')
    const fresh = await User.findOrFail(user.id)
    assert.isTrue(await fresh.verifyPassword('lantern orchard pebble'))
  })

  test('the change-password page shows the message in the error summary and on the field', async ({
    client,
  }) => {
    const user = await createUser()
    const page = await client
      .get('/profile/password')
      .loginAs(user)
      .withFlashMessages({ inputErrorsBag: { newPassword: [COMMON] } })
    page.assertStatus(200)
    page.assertTextIncludes('<title>Error: Change your password')
    page.assertTextIncludes('href="#field-newPassword"')
    page.assertTextIncludes(COMMON)
  })

  test('an administrator adding a person cannot give them a common password or their own name or email', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const person = (password: string) => ({
      fullName: 'Margaret Heafield Hamilton',
      email: 'margaret.hamilton@example.gov.uk',
      password,
      organisationId: String(admin.organisationId),
      roles: ['learner'],
    })
    const cases: Array<[string, string]> = [
      ['password1234', COMMON],
      ['aaaaaaaaaaaa', REPEATED],
      ['margaret.hamilton@example.gov.uk', THEIRS],
      ['Margaret Heafield Hamilton', THEIRS],
    ]
    for (const [weak, message] of cases) {
      const response = await submitAs(client, admin).post('/admin/users', person(weak))
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', { password: [message] })
    }
    assert.isNull(await User.findBy('email', 'margaret.hamilton@example.gov.uk'))

    const json = await client
      .post('/admin/users')
      .withCsrfToken()
      .loginAs(admin)
      .accept('json')
      .form(person('password1234'))
    json.assertStatus(422)
    const errors = json.body().errors as Array<{ field: string; message: string }>
    assert.deepEqual(
      errors.map(({ field, message }) => ({ field, message })),
      [{ field: 'password', message: COMMON }]
    )
  })
})

test.group('Passwords: guessing the current one on the change form', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('after five wrong current passwords the change is paused, even with the right one', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await changeTo(client, user, 'lantern orchard pebble', 'not-my-password')
      wrong.assertFlashMessage('inputErrorsBag', {
        currentPassword: ['The current password is not correct'],
      })
    }
    const response = await changeTo(client, user, 'lantern orchard pebble')
    response.assertStatus(429)
    const flashed = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(
      flashed.currentPassword[0],
      /^Too many wrong passwords have been tried for your account\. Wait 15 minutes and try again$/
    )
    const fresh = await User.findOrFail(user.id)
    assert.isTrue(await fresh.verifyPassword(TEST_PASSWORD))
  })

  test('wrong current passwords count against signing in too, so neither is a way round the other', async ({
    client,
  }) => {
    const user = await createUser()
    for (let attempt = 0; attempt < 5; attempt++) {
      await changeTo(client, user, 'lantern orchard pebble', 'not-my-password')
    }
    const signIn = await submitSignIn(client, user.email, TEST_PASSWORD)
    signIn.assertStatus(429)
  })
})
