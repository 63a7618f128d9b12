import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import { createUser, TEST_PASSWORD } from '#database/factories/user_factory'
import AuditEvent from '#models/audit_event'
import { apiAs } from '#tests/support/api'
import { collapse } from '#tests/support/html'
import { Visitor, forgetAllSessions } from '#tests/support/session_cookies'
import { signedInOnTwoBrowsers } from '#tests/support/fixtures/signed_in_elsewhere'
import {
  clock,
  linkPathOf,
  resetsIn,
  setPasswordAt,
  signsIn,
  statusAt,
  textAt,
} from '#tests/support/password_links'
import { submitAs } from '#tests/support/forms'

const NEW_PASSWORD = 'harbour lantern thistle'

async function ask(client: any, email: string) {
  return client.post('/forgot-password').withCsrfToken().form({ email }).redirects(0)
}

/* The status a request answers with. */
async function statusOf(request: PromiseLike<{ status(): number }>) {
  const response = await request
  return response.status()
}

async function requested(userId: number) {
  return AuditEvent.query()
    .where('action', 'password_reset_requested')
    .where('subject_id', String(userId))
    .orderBy('id')
}

async function choose(visitor: Visitor, path: string, password = NEW_PASSWORD) {
  return visitor.setPassword(path, password)
}

test.group('Forgot your password', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.teardown(() => mail.restore())
  group.each.teardown(() => clock.restore())

  test('the sign-in page links to a form asking for the email address', async ({ client }) => {
    const signIn = await client.get('/sign-in')
    signIn.assertTextIncludes('<a href="/forgot-password">Forgot your password?</a>')
    const form = await client.get('/forgot-password')
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Reset your password</h1>')
    form.assertTextIncludes('name="email"')

    const empty = await client.post('/forgot-password').withCsrfToken().form({}).redirects(0)
    empty.assertFlashMessage('inputErrorsBag', { email: ['Enter your email address'] })
    const wrong = await ask(client, 'not an address')
    wrong.assertFlashMessage('inputErrorsBag', {
      email: ['Enter an email address in the correct format, like name@example.gov.uk'],
    })
    const shown = await client.get('/forgot-password').withFlashMessages({
      inputErrorsBag: { email: ['Enter your email address'] },
    })
    shown.assertTextIncludes('<title>Error: Reset your password')
    shown.assertTextIncludes('href="#field-email"')
  })

  test('the answer is the same whether or not the address has an account; only an account gets a link', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const user = await createUser({ overrides: { fullName: 'Rae Reset' } })
    const known = await ask(client, user.email.toUpperCase())
    const unknown = await ask(client, 'nobody.here@example.gov.uk')
    for (const answer of [known, unknown]) {
      answer.assertStatus(302)
      answer.assertHeader('location', '/forgot-password')
    }
    const knownPage = await client
      .get('/forgot-password')
      .withFlashMessages({ resetSentTo: user.email })
    const unknownPage = await client
      .get('/forgot-password')
      .withFlashMessages({ resetSentTo: 'nobody.here@example.gov.uk' })
    assert.include(
      collapse(knownPage.text()),
      `If <strong>${user.email}</strong> has an account, we have sent a link`
    )
    // The pages differ only in the address shown (and the script nonce every page has).
    const same = (html: string, address: string) =>
      html.replaceAll(address, 'ADDRESS').replace(/nonce="[^"]+"/g, 'nonce')
    assert.equal(
      same(knownPage.text(), user.email),
      same(unknownPage.text(), 'nobody.here@example.gov.uk')
    )
    assert.deepEqual(known.flashMessages().resetSentTo, user.email.toUpperCase())

    const resets = resetsIn(fake)
    assert.lengthOf(resets, 1)
    resets[0].message.assertTo(user.email, 'Rae Reset')
    resets[0].message.assertSubject('Reset your password for the Digital Capability Service')
    resets[0].message.assertTextIncludes(`Choose a new password:\n${resets[0].link}`)
    const [event] = await requested(user.id)
    assert.deepEqual(JSON.parse(event.after!).sent, true)
    assert.isNull(event.actorId)
    assert.isNotNull(event.ip)
    // An unknown address leaves no trace.
    const traces = await db
      .from('audit_events')
      .where('subject_label', 'nobody.here@example.gov.uk')
      .count('* as n')
    assert.equal(Number(traces[0].n), 0)
  })

  test('deactivated people, people without a password and people of a single sign-on only organisation get no link', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const gone = await createUser({ overrides: { deactivatedAt: DateTime.now() } })
    const imported = await createUser()
    await db.from('users').where('id', imported.id).update({ password: null })
    const federated = await createUser()
    await db.from('organisations').where('id', federated.organisationId).update({ sso_only: true })
    for (const person of [gone, imported, federated]) {
      const answer = await ask(client, person.email)
      answer.assertHeader('location', '/forgot-password')
    }
    assert.lengthOf(resetsIn(fake), 0)
    const [goneEvent] = await requested(gone.id)
    const [importedEvent] = await requested(imported.id)
    assert.deepEqual(JSON.parse(goneEvent.after!), {
      sent: false,
      reason: 'deactivated',
    })
    assert.deepEqual(JSON.parse(importedEvent.after!), {
      sent: false,
      reason: 'no_password',
    })
    const [federatedEvent] = await requested(federated.id)
    assert.deepEqual(JSON.parse(federatedEvent.after!), {
      sent: false,
      reason: 'single_sign_on',
    })
  })

  test('requests are limited per address and per client, whether or not the address exists', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const user = await createUser()
    for (let i = 0; i < 3; i++) assert.equal(await statusOf(ask(client, user.email)), 302)
    const fourth = await ask(client, user.email)
    fourth.assertStatus(429)
    const message = (fourth.flashMessages().inputErrorsBag as Record<string, string[]>).email[0]
    assert.match(
      message,
      /^Too many links have been asked for\. Wait (59|60) minutes and try again$/
    )
    assert.lengthOf(resetsIn(fake), 3)

    // An address with no account is limited the same way.
    for (let i = 0; i < 3; i++) await ask(client, 'nobody.here@example.gov.uk')
    assert.equal(await statusOf(ask(client, 'nobody.here@example.gov.uk')), 429)

    // One client asking about many addresses is stopped too; another client is not.
    await limiter.clear(['memory'])
    for (let i = 0; i < 20; i++)
      assert.equal(await statusOf(ask(client, `someone${i}@example.gov.uk`)), 302)
    assert.equal(await statusOf(ask(client, 'someone.else@example.gov.uk')), 429)
  })

  test('a reset link works for one hour, once, and a newer link replaces it', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const askedAt = clock.at(DateTime.fromISO('2026-06-01T09:00:00Z'))
    const user = await createUser()
    await ask(client, user.email)
    const first = linkPathOf(resetsIn(fake)[0])
    resetsIn(fake)[0].message.assertTextIncludes('until 11am on Monday 1 June 2026 (UK time)')

    clock.at(askedAt.plus({ minutes: 59, seconds: 59 }))
    assert.equal(await statusAt(first), 200)
    clock.at(askedAt.plus({ hours: 1 }))
    const expired = await new Visitor().get(first)
    assert.equal(expired.status, 410)
    assert.include(expired.text, 'This link has expired')
    assert.include(expired.text, 'href="/forgot-password"')

    clock.at(askedAt.plus({ hours: 2 }))
    await ask(client, user.email)
    await ask(client, user.email)
    const [, older, newer] = resetsIn(fake).map(linkPathOf)
    const replaced = await new Visitor().get(older)
    assert.equal(replaced.status, 410)
    assert.include(replaced.text, 'This link has been replaced')
    const browser = new Visitor()
    const done = await choose(browser, newer)
    assert.equal(done.location, '/')
    const again = await new Visitor().get(newer)
    assert.equal(again.status, 410)
    assert.include(again.text, 'This link has already been used')
  })

  test('using the link sets the password by the rule, ends every session, revokes API tokens and signs in afresh', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const {
      user,
      here: laptop,
      elsewhere: phone,
      token,
      theirs,
      theirToken,
    } = await signedInOnTwoBrowsers()

    await ask(client, user.email)
    const path = linkPathOf(resetsIn(fake)[0])
    const browser = new Visitor()
    const form = await browser.get(path)
    assert.include(form.text, '<h1>Choose a new password</h1>')
    const before = await browser.sessionId()

    const personal = await choose(browser, path, `${user.email}`)
    assert.equal(personal.status, 302)
    assert.include(
      await textAt(browser, path),
      'Choose a password that is harder to guess: do not use your name or email address'
    )
    assert.isTrue(await laptop.isSignedIn(), 'a refused password ended a session')

    const done = await choose(browser, path)
    assert.equal(done.location, '/')
    assert.notEqual(await browser.sessionId(), before)
    const home = await browser.get('/')
    assert.include(
      home.text,
      'Your password has been changed and you are signed in. You have been signed out everywhere else and your 2 API tokens have been revoked'
    )
    assert.isFalse(await laptop.isSignedIn())
    assert.isFalse(await phone.isSignedIn())
    assert.equal(await statusOf(apiAs(client, token).get('/api/v1/me')), 401)
    assert.isTrue(await theirs.isSignedIn())
    assert.equal(await statusOf(apiAs(client, theirToken).get('/api/v1/me')), 200)

    await user.refresh()
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD))
    assert.isFalse(await user.verifyPassword(TEST_PASSWORD))
    const used = await AuditEvent.query()
      .where('action', 'password_reset_used')
      .where('subject_id', String(user.id))
      .firstOrFail()
    assert.deepEqual(JSON.parse(used.after!), { tokensRevoked: 2 })
    assert.isTrue(await signsIn(user.email, NEW_PASSWORD))
  })

  test('a person deactivated after asking cannot use the link', async ({ client, assert }) => {
    const fake = mail.fake()
    const admin = await createUser({ roles: ['capability_admin'] })
    const user = await createUser()
    await ask(client, user.email)
    const path = linkPathOf(resetsIn(fake)[0])
    await submitAs(client, admin).post(`/admin/users/${user.id}/deactivate`)
    const browser = new Visitor()
    const page = await browser.get(path)
    assert.equal(page.status, 410)
    assert.include(page.text, 'This account has been deactivated')
    const post = await setPasswordAt(client, path, NEW_PASSWORD)
    post.assertStatus(410)
    await user.refresh()
    assert.isTrue(await user.verifyPassword(TEST_PASSWORD))
  })

  test('signed-in people are sent home from the form', async ({ client }) => {
    const user = await createUser()
    const response = await client.get('/forgot-password').loginAs(user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
  })
})
