import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import mail from '@adonisjs/mail/services/main'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import AuditEvent from '#models/audit_event'
import twoStepConfig from '#config/two_step'
import { Visitor, forgetAllSessions } from '#tests/support/session_cookies'
import { linkPathOf, resetsIn } from '#tests/support/password_links'
import { collapse } from '#tests/support/html'
import { awayFromStepEdge, codeFor, secretOnPage, turnOnTwoStep } from '#tests/support/two_step'
import { submitAs } from '#tests/support/forms'
import { apiAs, bearer } from '#tests/support/api'

/* Signs in with the password through the form: the answer sends the browser on to the code. */
async function passwordStep(email: string) {
  const visitor = new Visitor()
  const answer = await visitor.signIn(email, TEST_PASSWORD)
  return { visitor, answer }
}

async function enterCode(visitor: Visitor, code: string) {
  return visitor.submit('/sign-in/two-step', '/sign-in/two-step', { code })
}

async function enterRecoveryCode(visitor: Visitor, recoveryCode: string) {
  return visitor.submit('/sign-in/two-step/recovery-code', '/sign-in/two-step/recovery-code', {
    recoveryCode,
  })
}

/* The first error message a page shows in its summary. */
function errorOn(html: string) {
  const match = /<div class="border-4 border-error[\s\S]*?<a [^>]*>([^<]+)<\/a>/.exec(html)
  return match ? match[1].trim() : null
}

async function eventsFor(userId: number, action: string) {
  return AuditEvent.query()
    .where('action', action)
    .where('subject_id', String(userId))
    .orderBy('id')
}

/* What an audit event recorded after the change. */
function afterOf(event: AuditEvent) {
  return JSON.parse(String(event.after))
}

async function compulsory<T>(work: () => Promise<T>) {
  const before = twoStepConfig.compulsory
  twoStepConfig.compulsory = true
  try {
    return await work()
  } finally {
    twoStepConfig.compulsory = before
  }
}

test.group('Two-step verification: setting it up', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.setup(() => limiter.clear(['memory']))

  test('the profile offers it; the set-up page shows a QR code image, the key and one code field', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const profile = await client.get('/profile').loginAs(user)
    assert.include(collapse(profile.text()), 'Two-step verification is off')
    profile.assertTextIncludes('href="/profile/two-step-verification"')

    const page = await client.get('/profile/two-step-verification/set-up').loginAs(user)
    page.assertStatus(200)
    const html = page.text()
    assert.match(html, /<img\s+src="\/profile\/two-step-verification\/qr-code"/)
    assert.notInclude(html, '<svg', 'the QR code is an image of its own, never inline markup')
    assert.match(secretOnPage(html), /^[A-Z2-7]{32}$/)
    assert.include(html, 'autocomplete="one-time-code"')
    assert.include(html, 'inputmode="numeric"')

    // Reloading keeps the same key, so an app that has scanned it is not left behind.
    const again = await client.get('/profile/two-step-verification/set-up').loginAs(user)
    assert.equal(secretOnPage(again.text()), secretOnPage(html))

    const image = await client.get('/profile/two-step-verification/qr-code').loginAs(user)
    image.assertStatus(200)
    assert.include(image.header('content-type'), 'image/svg+xml')
    assert.include(image.header('cache-control'), 'no-store')
    assert.match(String(image.body()), /^<svg[\s\S]*<\/svg>\s*$/)

    // The key is stored encrypted, never as it is shown.
    const row = await db.from('two_step_verifications').where('user_id', user.id).firstOrFail()
    assert.notInclude(row.secret, secretOnPage(html))
    assert.isNull(row.confirmed_at)
  })

  test('a wrong code is refused with a message under the field; the right one turns it on with 10 recovery codes', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const page = await client.get('/profile/two-step-verification/set-up').loginAs(user)
    const secret = secretOnPage(page.text())
    await awayFromStepEdge()

    const rightCode = await codeFor(secret)
    const wrongCode = rightCode === '000000' ? '111111' : '000000'
    const wrong = await submitAs(client, user).post('/profile/two-step-verification/set-up', {
      code: wrongCode,
    })
    wrong.assertStatus(302)
    wrong.assertHeader('location', '/profile/two-step-verification/set-up')
    wrong.assertFlashMessage('inputErrorsBag', {
      code: ['The code is not correct. Enter the code your authenticator app shows now'],
    })
    assert.lengthOf(await eventsFor(user.id, 'two_step_turned_on'), 0)

    const right = await client
      .post('/profile/two-step-verification/set-up')
      .loginAs(user)
      .withCsrfToken()
      // Apps show the code as "123 456": spaces are fine.
      .form({ code: `${rightCode.slice(0, 3)} ${rightCode.slice(3)}` })
      .redirects(0)
    right.assertStatus(200)
    assert.include(collapse(right.text()), 'Two-step verification is on')
    const codes = [
      ...right.text().matchAll(/<li>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})<\/li>/g),
    ].map((match) => match[1])
    assert.lengthOf(codes, 10)
    assert.lengthOf(new Set(codes), 10)
    assert.include(right.text(), 'download="recovery-codes.txt"')

    const row = await db.from('two_step_verifications').where('user_id', user.id).firstOrFail()
    assert.isNotNull(row.confirmed_at)
    const stored = await db.from('recovery_codes').where('user_id', user.id)
    assert.lengthOf(stored, 10)
    for (const code of codes) {
      assert.notInclude(
        stored.map((r) => r.code_hash),
        code.replaceAll('-', '')
      )
    }

    const [event] = await eventsFor(user.id, 'two_step_turned_on')
    assert.equal(event.actorId, user.id)
    const trail = JSON.stringify(await db.from('audit_events').select('before', 'after'))
    assert.notInclude(trail, secret)
    for (const code of codes) assert.notInclude(trail, code.replaceAll('-', ''))

    const profile = await client.get('/profile').loginAs(user)
    assert.include(collapse(profile.text()), 'Two-step verification is on')
    // Turned on, the set-up page is not shown again (so a new key cannot replace the one in use).
    const setUp = await client
      .get('/profile/two-step-verification/set-up')
      .loginAs(user)
      .redirects(0)
    setUp.assertHeader('location', '/profile/two-step-verification')
    const image = await client.get('/profile/two-step-verification/qr-code').loginAs(user)
    image.assertStatus(404)
  })

  test('empty, letters, seven digits and only spaces each get their own message, never a server error', async ({
    client,
  }) => {
    const user = await createUser()
    await client.get('/profile/two-step-verification/set-up').loginAs(user)
    const cases: [string, string][] = [
      ['', 'Enter the 6-digit code from your authenticator app'],
      ['   ', 'Enter the 6-digit code from your authenticator app'],
      ['abcdef', 'Enter the code as 6 digits, like 123456'],
      ['1234567', 'Enter the code as 6 digits, like 123456'],
      ['12345', 'Enter the code as 6 digits, like 123456'],
      ['1'.repeat(60), 'Enter the code as 6 digits, like 123456'],
    ]
    for (const [code, message] of cases) {
      const response = await submitAs(client, user).post('/profile/two-step-verification/set-up', {
        code,
      })
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', { code: [message] })
    }
  })
})

test.group('Two-step verification: signing in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.teardown(() => mail.restore())

  test('after the right password a person with it on is not signed in until the code is right', async ({
    assert,
  }) => {
    const user = await createUser({ overrides: { fullName: 'Katherine Johnson' } })
    const { secret } = await turnOnTwoStep(user)
    const visitor = new Visitor()
    const answer = await visitor.submit('/sign-in?returnTo=/profile', '/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
      returnTo: '/profile',
    })
    assert.equal(answer.status, 302)
    assert.equal(answer.location, '/sign-in/two-step')
    assert.isFalse(await visitor.isSignedIn())
    assert.lengthOf(await eventsFor(user.id, 'sign_in'), 0)

    const page = await visitor.get('/sign-in/two-step')
    assert.equal(page.status, 200)
    assert.include(page.text, 'autocomplete="one-time-code"')
    assert.include(page.text, 'inputmode="numeric"')
    assert.include(page.text, 'href="/sign-in/two-step/recovery-code"')

    const before = await visitor.sessionId()
    const signedIn = await enterCode(visitor, await codeFor(secret))
    assert.equal(signedIn.status, 302)
    assert.equal(signedIn.location, '/profile')
    assert.notEqual(await visitor.sessionId(), before, 'a new session id on signing in')
    assert.isTrue(await visitor.isSignedIn())
    const [event] = await eventsFor(user.id, 'sign_in')
    assert.deepEqual(afterOf(event), { twoStep: 'code' })
  })

  test('a code one step either side of now is accepted for a drifting clock; two steps away is not', async ({
    assert,
  }) => {
    const user = await createUser()
    const { secret } = await turnOnTwoStep(user)
    await awayFromStepEdge()

    const { visitor } = await passwordStep(user.email)
    const tooFar = await enterCode(visitor, await codeFor(secret, 2))
    assert.equal(tooFar.location, '/sign-in/two-step')
    const page = await visitor.get('/sign-in/two-step')
    assert.equal(
      errorOn(page.text),
      'The code is not correct. Enter the code your authenticator app shows now'
    )
    const ahead = await enterCode(visitor, await codeFor(secret, 1))
    assert.equal(ahead.location, '/')
    assert.isTrue(await visitor.isSignedIn())
  })

  test('a code already used does not work again, even in another sign-in', async ({ assert }) => {
    const user = await createUser()
    const { secret } = await turnOnTwoStep(user)
    const code = await codeFor(secret)

    const first = await passwordStep(user.email)
    const firstAnswer = await enterCode(first.visitor, code)
    assert.equal(firstAnswer.location, '/')

    const second = await passwordStep(user.email)
    const replayed = await enterCode(second.visitor, code)
    assert.equal(replayed.location, '/sign-in/two-step')
    const page = await second.visitor.get('/sign-in/two-step')
    assert.equal(
      errorOn(page.text),
      'This code has already been used. Wait for your authenticator app to show a new code and enter that'
    )
    assert.isFalse(await second.visitor.isSignedIn())
    // The code confirming the set-up is used up too.
    const earlier = await enterCode(second.visitor, await codeFor(secret, -1))
    assert.equal(earlier.location, '/sign-in/two-step')
  })

  test('a recovery code signs in once, is audited, and does not work a second time', async ({
    assert,
  }) => {
    const user = await createUser()
    const { recoveryCodes } = await turnOnTwoStep(user)
    const code = recoveryCodes[3]

    const first = await passwordStep(user.email)
    const link = await first.visitor.get('/sign-in/two-step/recovery-code')
    assert.include(link.text, 'name="recoveryCode"')
    // Typed in capitals with spaces: still the code.
    const typed = code.toUpperCase().replace(/(.{4})(.{4})/, '$1 $2 ')
    const signedIn = await enterRecoveryCode(first.visitor, typed)
    assert.equal(signedIn.location, '/')
    const home = await first.visitor.get('/')
    assert.include(
      collapse(home.text),
      'You signed in with a recovery code. You have 9 recovery codes left'
    )

    const [used] = await eventsFor(user.id, 'recovery_code_used')
    assert.deepEqual(afterOf(used), { recoveryCodesLeft: 9 })
    assert.notInclude(JSON.stringify(used), code)
    const [event] = await eventsFor(user.id, 'sign_in')
    assert.deepEqual(afterOf(event), { twoStep: 'recovery code' })

    const second = await passwordStep(user.email)
    const again = await enterRecoveryCode(second.visitor, code)
    assert.equal(again.location, '/sign-in/two-step/recovery-code')
    const page = await second.visitor.get('/sign-in/two-step/recovery-code')
    assert.equal(
      errorOn(page.text),
      'This recovery code is not correct, or it has already been used'
    )
    assert.isFalse(await second.visitor.isSignedIn())
  })

  test('bad input on the code pages gets a field message, never a server error', async ({
    assert,
  }) => {
    const user = await createUser()
    await turnOnTwoStep(user)
    const { visitor } = await passwordStep(user.email)
    const cases: [string, string, string][] = [
      ['code', '', 'Enter the 6-digit code from your authenticator app'],
      ['code', '  ', 'Enter the 6-digit code from your authenticator app'],
      ['code', 'abcdef', 'Enter the code as 6 digits, like 123456'],
      ['code', '1234567', 'Enter the code as 6 digits, like 123456'],
      ['recoveryCode', '', 'Enter one of your recovery codes'],
      [
        'recoveryCode',
        'not a code',
        'Enter a recovery code as 12 letters and numbers, like abcd-efgh-2345',
      ],
      [
        'recoveryCode',
        '123456',
        'Enter a recovery code as 12 letters and numbers, like abcd-efgh-2345',
      ],
    ]
    for (const [field, value, message] of cases) {
      const path = field === 'code' ? '/sign-in/two-step' : '/sign-in/two-step/recovery-code'
      const answer = await visitor.submit(path, path, { [field]: value })
      assert.equal(answer.status, 302, `${field} ${JSON.stringify(value)}`)
      const page = await visitor.get(path)
      assert.equal(errorOn(page.text), message)
    }
    // None of these counted as a wrong code.
    assert.lengthOf(await eventsFor(user.id, 'two_step_too_many_wrong_codes'), 0)
  })

  test('five wrong codes end the sign-in with a clear message, are audited, and pause the account', async ({
    assert,
  }) => {
    const user = await createUser()
    const { secret } = await turnOnTwoStep(user)
    await awayFromStepEdge()
    const right = await codeFor(secret)
    const wrong = right === '000000' ? '111111' : '000000'

    const { visitor } = await passwordStep(user.email)
    for (let attempt = 1; attempt <= 4; attempt++) {
      const answer = await enterCode(visitor, wrong)
      assert.equal(answer.location, '/sign-in/two-step', `attempt ${attempt}`)
    }
    const fifth = await enterCode(visitor, wrong)
    assert.equal(fifth.status, 429)
    assert.equal(fifth.location, '/sign-in')
    const signInPage = await visitor.get('/sign-in')
    assert.equal(
      errorOn(signInPage.text),
      'Too many wrong codes have been tried for your account. Wait 15 minutes and sign in again'
    )
    const [event] = await eventsFor(user.id, 'two_step_too_many_wrong_codes')
    assert.exists(event)

    // The sign-in has ended: the right code now leads back to the password.
    const ended = await visitor.get('/sign-in/two-step')
    assert.equal(ended.location, '/sign-in')
    assert.isFalse(await visitor.isSignedIn())

    // Starting again with the password, even the right code waits out the pause.
    const again = await passwordStep(user.email)
    const paused = await enterCode(again.visitor, right)
    assert.equal(paused.status, 429)
    assert.equal(paused.location, '/sign-in')
    assert.isFalse(await again.visitor.isSignedIn())
  })

  test('wrong codes from one client address are limited across people too', async ({ assert }) => {
    // Four wrong codes each (one fewer than a person's limit) for eight people: 30 from one address.
    const people = []
    for (let index = 0; index < 9; index++) {
      const person = await createUser()
      people.push({ person, ...(await turnOnTwoStep(person)) })
    }
    let wrongCodes = 0
    for (const { person } of people.slice(0, 8)) {
      const { visitor } = await passwordStep(person.email)
      for (let attempt = 0; attempt < 4 && wrongCodes < 30; attempt++) {
        await enterCode(visitor, '000000')
        wrongCodes++
      }
    }
    assert.equal(wrongCodes, 30)
    const last = people[8]
    const { visitor } = await passwordStep(last.person.email)
    const answer = await enterCode(visitor, await codeFor(last.secret))
    assert.equal(answer.status, 429)
    assert.isFalse(await visitor.isSignedIn())
  }).timeout(60_000)

  test('a key the service can no longer read (a new APP_KEY) refuses codes without a server error; a recovery code still works', async ({
    assert,
  }) => {
    const user = await createUser()
    const { secret, recoveryCodes } = await turnOnTwoStep(user)
    await db
      .from('two_step_verifications')
      .where('user_id', user.id)
      .update({ secret: encryption.encrypt(secret, undefined, 'another purpose') })

    const { visitor } = await passwordStep(user.email)
    const refused = await enterCode(visitor, await codeFor(secret))
    assert.equal(refused.status, 302)
    assert.equal(refused.location, '/sign-in/two-step')
    const page = await visitor.get('/sign-in/two-step')
    assert.equal(
      errorOn(page.text),
      'The code is not correct. Enter the code your authenticator app shows now'
    )
    const signedIn = await enterRecoveryCode(visitor, recoveryCodes[0])
    assert.equal(signedIn.location, '/')
  })

  test('a sign-in waiting for its code runs out after 5 minutes', async ({ client }) => {
    const user = await createUser()
    const response = await client
      .get('/sign-in/two-step')
      .withSession({
        twoStepPendingSignIn: { userId: user.id, until: Date.now() - 1, returnTo: '/' },
      })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/sign-in')
    response.assertFlashMessage('error', 'Your sign-in timed out or was not started. Sign in again')

    const fresh = await client.get('/sign-in/two-step').withSession({
      twoStepPendingSignIn: { userId: user.id, until: Date.now() + 60_000, returnTo: '/' },
    })
    fresh.assertStatus(200)

    const none = await client.post('/sign-in/two-step').withCsrfToken().form({ code: '123456' })
    none.assertRedirectsTo('/sign-in')
  })

  test('a password reset neither turns it off nor gets round it', async ({ assert }) => {
    const fake = mail.fake()
    const user = await createUser()
    const { secret } = await turnOnTwoStep(user)
    await new Visitor().submit('/forgot-password', '/forgot-password', { email: user.email })
    const path = linkPathOf(resetsIn(fake)[0])

    const visitor = new Visitor()
    const password = 'harbour lantern thistle'
    const answer = await visitor.submit(path, path, {
      newPassword: password,
      confirmPassword: password,
    })
    assert.equal(answer.status, 302)
    assert.equal(answer.location, '/sign-in/two-step')
    const page = await visitor.get('/sign-in/two-step')
    assert.include(collapse(page.text), 'Your password has been changed.')
    assert.isFalse(await visitor.isSignedIn())
    assert.lengthOf(await eventsFor(user.id, 'sign_in'), 0)

    const signedIn = await enterCode(visitor, await codeFor(secret))
    assert.equal(signedIn.location, '/')
    assert.isTrue(await visitor.isSignedIn())
    const row = await db.from('two_step_verifications').where('user_id', user.id).first()
    assert.isNotNull(row?.confirmed_at)
  })
})

test.group('Two-step verification: managing it', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.setup(() => limiter.clear(['memory']))

  test('new recovery codes, after the password, replace the old ones, which stop working', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { recoveryCodes } = await turnOnTwoStep(user)
    const page = await client.get('/profile/two-step-verification').loginAs(user)
    assert.include(collapse(page.text()), 'You have 10 unused recovery codes')

    // Without the password, or with a wrong one, nothing is made and the old codes stand.
    for (const given of [{}, { confirmPasswordOrCode: 'not the password at all' }]) {
      const refused = await client
        .post('/profile/two-step-verification/recovery-codes')
        .header('referer', '/profile/two-step-verification')
        .loginAs(user)
        .withCsrfToken()
        .form(given)
        .redirects(0)
      refused.assertStatus(302)
      refused.assertHeader('location', '/profile/two-step-verification')
      refused.assertFlashMessage('inputErrorsBag', {
        confirmPasswordOrCode: [
          'confirmPasswordOrCode' in given
            ? 'The password or code is not correct'
            : 'Enter your password or a code from your authenticator app',
        ],
      })
    }
    assert.lengthOf(await eventsFor(user.id, 'recovery_codes_made'), 0)

    const response = await client
      .post('/profile/two-step-verification/recovery-codes')
      .loginAs(user)
      .withCsrfToken()
      .form({ confirmPasswordOrCode: TEST_PASSWORD })
    response.assertStatus(200)
    assert.include(collapse(response.text()), 'Your old codes no longer work')
    const fresh = [...response.text().matchAll(/<li>([0-9a-z-]{14})<\/li>/g)].map((m) => m[1])
    assert.lengthOf(fresh, 10)
    const [event] = await eventsFor(user.id, 'recovery_codes_made')
    assert.deepEqual(afterOf(event), { recoveryCodes: 10 })

    const old = await passwordStep(user.email)
    const refused = await enterRecoveryCode(old.visitor, recoveryCodes[0])
    assert.equal(refused.location, '/sign-in/two-step/recovery-code')
    const accepted = await enterRecoveryCode(old.visitor, fresh[0])
    assert.equal(accepted.location, '/')
  })

  test('turning it off needs the password or a code; a wrong one is refused', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { secret } = await turnOnTwoStep(user)
    const off = (passwordOrCode: string) =>
      submitAs(client, user).post('/profile/two-step-verification?_method=DELETE', {
        passwordOrCode,
      })

    const empty = await off('')
    empty.assertFlashMessage('inputErrorsBag', {
      passwordOrCode: ['Enter your password or a code from your authenticator app'],
    })
    const wrong = await off('not my password at all')
    wrong.assertFlashMessage('inputErrorsBag', {
      passwordOrCode: ['The password or code is not correct'],
    })
    const wrongCode = await off('000000' === (await codeFor(secret)) ? '111111' : '000000')
    wrongCode.assertFlashMessage('inputErrorsBag', {
      passwordOrCode: ['The password or code is not correct'],
    })
    assert.isNotNull(await db.from('two_step_verifications').where('user_id', user.id).first())

    const byCode = await off(await codeFor(secret))
    byCode.assertFlashMessage(
      'success',
      'Two-step verification is off. You sign in with your password only'
    )
    assert.isNull(await db.from('two_step_verifications').where('user_id', user.id).first())
    assert.lengthOf(await db.from('recovery_codes').where('user_id', user.id), 0)
    const [event] = await eventsFor(user.id, 'two_step_turned_off')
    assert.equal(event.actorId, user.id)
    assert.deepEqual(afterOf(event), { by: 'themselves' })

    await turnOnTwoStep(user)
    const byPassword = await off(TEST_PASSWORD)
    byPassword.assertFlashMessage(
      'success',
      'Two-step verification is off. You sign in with your password only'
    )
    // Off again, signing in needs the password only.
    const { answer } = await passwordStep(user.email)
    assert.equal(answer.location, '/')
  })

  test('a capability admin turns it off for someone who lost their phone, after confirming', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const person = await createUser({ overrides: { fullName: 'Mary Jackson' } })
    // The phone she lost was signed in.
    const lostPhone = await Visitor.signedIn(person.email)
    await turnOnTwoStep(person)
    // And an API token, given with a code from it.
    const token = await bearer(person)

    const show = await client.get(`/admin/users/${person.id}`).loginAs(admin)
    assert.include(collapse(show.text()), 'Two-step verification')
    show.assertTextIncludes(`href="/admin/users/${person.id}/two-step-verification"`)

    const confirm = await client
      .get(`/admin/users/${person.id}/two-step-verification`)
      .loginAs(admin)
    confirm.assertStatus(200)
    assert.include(collapse(confirm.text()), 'Turn off two-step verification for Mary Jackson')
    assert.include(
      collapse(confirm.text()),
      'They are signed out everywhere and their API tokens stop working.'
    )
    const tokenBefore = await apiAs(client, token).get('/api/v1/me')
    tokenBefore.assertStatus(200)
    assert.isNotNull(await db.from('two_step_verifications').where('user_id', person.id).first())

    const response = await submitAs(client, admin).delete(
      `/admin/users/${person.id}/two-step-verification`
    )
    response.assertHeader('location', `/admin/users/${person.id}`)
    assert.isNull(await db.from('two_step_verifications').where('user_id', person.id).first())
    const [event] = await eventsFor(person.id, 'two_step_turned_off')
    assert.equal(event.actorId, admin.id)
    assert.deepEqual(afterOf(event), { by: 'an administrator', tokensRevoked: 1 })
    assert.isFalse(await lostPhone.isSignedIn(), 'the lost phone is still signed in')
    const tokenAfter = await apiAs(client, token).get('/api/v1/me')
    tokenAfter.assertStatus(401)

    const { answer } = await passwordStep(person.email)
    assert.equal(answer.location, '/')
  })

  test('department HR may turn it off for their own people but not for a capability admin, another department or themselves', async ({
    client,
    assert,
  }) => {
    const department = await OrganisationFactory.create()
    const elsewhere = await OrganisationFactory.create()
    const hr = await createUser({ roles: ['department_hr'], organisation: department })
    const learner = await createUser({ organisation: department })
    const admin = await createUser({ roles: ['capability_admin'], organisation: department })
    const stranger = await createUser({ organisation: elsewhere })
    for (const person of [hr, learner, admin, stranger]) await turnOnTwoStep(person)
    const turnOff = (person: { id: number }) =>
      submitAs(client, hr).delete(`/admin/users/${person.id}/two-step-verification`)

    const forAdmin = await turnOff(admin)
    forAdmin.assertStatus(403)
    const forStranger = await turnOff(stranger)
    forStranger.assertStatus(404)
    const forThemselves = await turnOff(hr)
    forThemselves.assertStatus(403)
    const adminPage = await client.get(`/admin/users/${admin.id}`).loginAs(hr)
    assert.notInclude(adminPage.text(), `/admin/users/${admin.id}/two-step-verification`)
    const confirmForAdmin = await client
      .get(`/admin/users/${admin.id}/two-step-verification`)
      .loginAs(hr)
    confirmForAdmin.assertStatus(403)
    for (const person of [hr, admin, stranger]) {
      assert.isNotNull(await db.from('two_step_verifications').where('user_id', person.id).first())
    }

    const forLearner = await turnOff(learner)
    forLearner.assertStatus(302)
    assert.isNull(await db.from('two_step_verifications').where('user_id', learner.id).first())

    const learnerTries = await submitAs(client, learner).delete(
      `/admin/users/${hr.id}/two-step-verification`
    )
    learnerTries.assertStatus(403)
  })

  test('without the CSRF token nothing is turned off', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const person = await createUser()
    await turnOnTwoStep(person)
    await client
      .delete(`/admin/users/${person.id}/two-step-verification`)
      .loginAs(admin)
      .redirects(0)
    assert.isNotNull(await db.from('two_step_verifications').where('user_id', person.id).first())
  })
})

test.group('Two-step verification: compulsory for admins and HR', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('is off unless set, and off in the test and demo environments', async ({ assert }) => {
    assert.isFalse(twoStepConfig.compulsory)
  })

  test('a capability admin or department HR without it is sent to set it up before any other page', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const hr = await createUser({ roles: ['department_hr'] })
    await compulsory(async () => {
      for (const person of [admin, hr]) {
        for (const path of ['/', '/profile', '/admin/users', '/learning/courses']) {
          const response = await client.get(path).loginAs(person).redirects(0)
          response.assertStatus(302)
          response.assertHeader('location', '/profile/two-step-verification/set-up')
        }
        const write = await submitAs(client, person).post('/profile/tokens', { name: 'script' })
        write.assertHeader('location', '/profile/two-step-verification/set-up')

        const setUp = await client.get('/profile/two-step-verification/set-up').loginAs(person)
        setUp.assertStatus(200)
        assert.include(collapse(setUp.text()), 'Your role needs two-step verification')
        const image = await client.get('/profile/two-step-verification/qr-code').loginAs(person)
        image.assertStatus(200)
        const signOut = await submitAs(client, person).post('/sign-out')
        signOut.assertHeader('location', '/sign-in')
      }
    })
  })

  test('once set up, they go where they like', async ({ client }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    await turnOnTwoStep(admin)
    await compulsory(async () => {
      const response = await client.get('/admin/users').loginAs(admin)
      response.assertStatus(200)
    })
  })

  test('learners are not asked, nor are people signed in with their department account', async ({
    client,
  }) => {
    const learner = await createUser()
    const admin = await createUser({ roles: ['capability_admin'] })
    await compulsory(async () => {
      const asLearner = await client.get('/').loginAs(learner).redirects(0)
      asLearner.assertStatus(200)
      const viaDepartment = await client
        .get('/admin/users')
        .loginAs(admin)
        .withSession({ departmentAccount: { providerId: 1, idToken: 'header.payload.signature' } })
        .redirects(0)
      viaDepartment.assertStatus(200)
    })
  })

  test('the API gives no token for a password alone to an admin who has not set it up', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    await compulsory(async () => {
      const response = await client
        .post('/api/v1/tokens')
        .json({ email: admin.email, password: TEST_PASSWORD })
      response.assertStatus(403)
      assert.include(response.body().detail, 'two-step verification')
      assert.lengthOf(await db.from('auth_access_tokens').where('tokenable_id', admin.id), 0)
    })
  })
})

test.group('Two-step verification: API tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a person with it on needs a code as well as the password', async ({ client, assert }) => {
    const user = await createUser()
    const { secret, recoveryCodes } = await turnOnTwoStep(user)
    const ask = (body: Record<string, unknown>) =>
      client.post('/api/v1/tokens').json({ email: user.email, password: TEST_PASSWORD, ...body })

    const missing = await ask({})
    missing.assertStatus(401)
    assert.include(missing.header('content-type'), 'application/problem+json')
    assert.equal(
      missing.body().detail,
      'This account uses two-step verification. Send the 6-digit code from the authenticator app, or one of the recovery codes, as code.'
    )
    const blank = await ask({ code: '   ' })
    blank.assertStatus(401)
    assert.equal(blank.body().detail, missing.body().detail)

    await awayFromStepEdge()
    const code = await codeFor(secret)
    for (const wrong of [code === '000000' ? '111111' : '000000', 'letters', '1234567']) {
      const response = await ask({ code: wrong })
      response.assertStatus(401)
      assert.match(response.body().detail, /^The code is not correct/)
    }
    const notText = await ask({ code: 123456 })
    notText.assertStatus(422)
    assert.deepEqual(
      notText.body().errors.map((error: { field: string }) => error.field),
      ['code']
    )

    const issued = await ask({ code })
    issued.assertStatus(201)
    assert.match(issued.body().token, /^dcs_/)

    const replayed = await ask({ code })
    replayed.assertStatus(401)
    assert.match(replayed.body().detail, /already been used/)

    const byRecovery = await ask({ code: recoveryCodes[0] })
    byRecovery.assertStatus(201)
    const recoveryAgain = await ask({ code: recoveryCodes[0] })
    recoveryAgain.assertStatus(401)
    assert.lengthOf(await eventsFor(user.id, 'recovery_code_used'), 1)
  })

  test('wrong codes through the API count against the same limit', async ({ client, assert }) => {
    const user = await createUser()
    const { secret } = await turnOnTwoStep(user)
    await awayFromStepEdge()
    const code = await codeFor(secret)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let attempt = 0; attempt < 5; attempt++) {
      await client
        .post('/api/v1/tokens')
        .json({ email: user.email, password: TEST_PASSWORD, code: wrong })
    }
    const response = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD, code })
    response.assertStatus(429)
    assert.isAbove(Number(response.header('retry-after')), 0)
    const tooMany = await eventsFor(user.id, 'two_step_too_many_wrong_codes')
    assert.isAtLeast(tooMany.length, 1)
  })

  test('people without it get a token for the password as before', async ({ client }) => {
    const user = await createUser({ roles: ['capability_admin'] })
    const response = await client
      .post('/api/v1/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    response.assertStatus(201)
  })
})
