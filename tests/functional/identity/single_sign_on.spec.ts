import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import testUtils from '@adonisjs/core/services/test_utils'
import { generateKeyPairSync } from 'node:crypto'
import { DateTime } from 'luxon'
import AuditEvent from '#models/audit_event'
import User from '#models/user'
import UserIdentity from '#models/user_identity'
import type IdentityProvider from '#models/identity_provider'
import type Organisation from '#models/organisation'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createUser } from '#database/factories/user_factory'
import {
  createIdentityProvider,
  linkDepartmentAccount,
  uniqueDomain,
} from '#database/factories/identity_provider_factory'
import { callbackUrl, forgetDiscoveredProviders, signedOutUrl } from '#services/single_sign_on'
import {
  closedPort,
  TestIdentityProvider,
  type IdTokenTamper,
} from '#tests/support/identity_provider'
import { START_LIMITS } from '#actions/identity/department_sign_in'
import { Visitor, type Answer } from '#tests/support/session_cookies'

const CLIENT_ID = 'digital-capability-service'
const CLIENT_SECRET = 'test-only-client-secret-of-the-service'
const PASSWORD = 'department-password'

/* The accounts the department's provider knows, in a domain of its own. */
const DOMAIN = uniqueDomain('hmrc')
const OTHER_DOMAIN = uniqueDomain('elsewhere')
const accounts = {
  known: { email: `ada.known@${DOMAIN}`, password: PASSWORD, name: 'Ada Known' },
  newcomer: { email: `nia.newcomer@${DOMAIN}`, password: PASSWORD, name: 'Nia Newcomer' },
  unverified: {
    email: `una.unverified@${DOMAIN}`,
    password: PASSWORD,
    name: 'Una Unverified',
    emailVerified: false,
  },
  deactivated: { email: `dee.deactivated@${DOMAIN}`, password: PASSWORD, name: 'Dee Left' },
  outsider: { email: `oscar@${OTHER_DOMAIN}`, password: PASSWORD, name: 'Oscar Outsider' },
}

let idp: TestIdentityProvider

function pathOf(url: URL) {
  return `${url.pathname}${url.search}`
}

/*
 * The provider's address the service sends the browser on to, from the
 * answer to a sign-in form: a page of the service that moves on by itself.
 */
async function onToProvider(visitor: Visitor, answer: Answer) {
  if (answer.status !== 302 || answer.location !== '/sign-in/department/continue') {
    throw new Error(`The sign-in was not sent on: ${answer.status} ${answer.location}`)
  }
  const page = await visitor.get('/sign-in/department/continue')
  const link = /href="([^"]+)" class="font-bold">Continue to your department/.exec(page.text)
  if (page.status !== 200 || !link) throw new Error(`No way on: ${page.status} ${page.text}`)
  const destination = link[1].replaceAll('&amp;', '&')
  if (!destination.startsWith(idp.issuer)) throw new Error(`Sent elsewhere: ${destination}`)
  return destination
}

/* A provider for the domain at this issuer, known to the service by the test client's credentials. */
function registerProvider(issuer: string, domain: string, organisation?: Organisation) {
  return createIdentityProvider({
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    domains: [domain],
    organisation,
  })
}

/* The department sign-in form sent from the browser. */
function departmentForm(visitor: Visitor, fields: Record<string, string>) {
  return visitor.submit('/sign-in/department', '/sign-in/department', fields)
}

/* Starts a department sign-in from the form: the browser is sent on to the provider. */
async function startAt(visitor: Visitor, email: string) {
  const answer = await departmentForm(visitor, { email })
  return onToProvider(visitor, answer)
}

/* The whole round trip: the form, the provider's sign-in, and the return to the service. */
async function signInThroughDepartment(
  visitor: Visitor,
  account: { email: string; password: string }
) {
  const authorisation = await startAt(visitor, account.email)
  const callback = await idp.signIn(authorisation, account)
  return visitor.get(pathOf(callback))
}

async function refusals(reason: string) {
  return AuditEvent.query()
    .where('action', 'sign_in_refused')
    .where('after', 'like', `%"reason":"${reason}"%`)
}

/*
 * A known person signs in while the provider's ID tokens are changed on
 * their way: the service answers 400, signs no one in and records the
 * refusal, naming what failed. Answers the page the person was shown.
 */
async function signInWithTamperedToken(
  assert: Assert,
  organisation: Organisation,
  tamper: IdTokenTamper,
  failed: string
) {
  await createUser({ organisation, overrides: { email: accounts.known.email } })
  idp.tamper = tamper
  const visitor = new Visitor()
  const back = await signInThroughDepartment(visitor, accounts.known)
  assert.equal(back.status, 400)
  assert.isFalse(await visitor.isSignedIn())
  const [refusal] = await refusals('response_rejected')
  assert.include(refusal.after ?? '', failed)
  return back
}

test.group('Signing in with a department account', (group) => {
  let organisation: Organisation
  let provider: IdentityProvider

  group.setup(async () => {
    idp = await TestIdentityProvider.start({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [callbackUrl()],
      postLogoutRedirectUris: [signedOutUrl()],
      accounts: Object.values(accounts),
    })
    return () => idp.close()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    idp.tamper = null
    forgetDiscoveredProviders()
    organisation = await OrganisationFactory.create()
    provider = await registerProvider(idp.issuer, DOMAIN, organisation)
  })

  test('the sign-in page offers a department account beside the password', async ({
    client,
    assert,
  }) => {
    const signIn = await client.get('/sign-in')
    signIn.assertTextIncludes('name="password"')
    signIn.assertTextIncludes('href="/sign-in/department"')
    const department = await client.get('/sign-in/department')
    department.assertStatus(200)
    department.assertTextIncludes('<h1>Sign in with your department account</h1>')
    department.assertTextIncludes('name="email"')
    assert.notInclude(department.text(), 'name="password"')
    // The way on to a provider, with no sign-in under way, leads back to the form.
    const nowhere = await client.get('/sign-in/department/continue').redirects(0)
    nowhere.assertStatus(302)
    nowhere.assertHeader('location', '/sign-in/department')
  })

  test('the person is sent to their provider with PKCE, state, nonce and their address, and comes back signed in with a new session id', async ({
    assert,
  }) => {
    const user = await createUser({ organisation, overrides: { email: accounts.known.email } })
    const visitor = new Visitor()
    await visitor.get('/sign-in/department')
    const before = await visitor.sessionId()

    const authorisation = new URL(await startAt(visitor, accounts.known.email))
    assert.equal(authorisation.origin, idp.issuer)
    const query = authorisation.searchParams
    assert.equal(query.get('client_id'), CLIENT_ID)
    assert.equal(query.get('response_type'), 'code')
    assert.equal(query.get('redirect_uri'), callbackUrl())
    assert.equal(query.get('code_challenge_method'), 'S256')
    assert.match(query.get('code_challenge') ?? '', /^[\w-]{43}$/)
    assert.isAtLeast((query.get('state') ?? '').length, 20)
    assert.isAtLeast((query.get('nonce') ?? '').length, 20)
    assert.equal(query.get('login_hint'), accounts.known.email)
    assert.include(query.get('scope') ?? '', 'email')

    const callback = await idp.signIn(authorisation.href, accounts.known)
    assert.equal(`${callback.origin}${callback.pathname}`, callbackUrl())
    const back = await visitor.get(pathOf(callback))
    assert.equal(back.status, 302)
    assert.equal(back.location, '/')
    assert.isTrue(await visitor.isSignedIn())
    assert.notEqual(await visitor.sessionId(), before, 'signing in gives a new session id')

    const link = await UserIdentity.query().where('user_id', user.id).firstOrFail()
    assert.equal(link.identityProviderId, provider.id)
    assert.equal(link.subject, `subject-${accounts.known.email}`)
    const signIn = await AuditEvent.query()
      .where('action', 'sign_in')
      .where('actor_id', user.id)
      .firstOrFail()
    assert.include(signIn.after ?? '', '"method":"single_sign_on"')
    await user.refresh()
    assert.isNotNull(user.lastSignedInAt)
  })

  test('a person whose department signs them in is sent there from the password form, and the password is not used', async ({
    assert,
  }) => {
    await createUser({ organisation, overrides: { email: accounts.known.email } })
    const visitor = new Visitor()
    const answer = await visitor.signIn(accounts.known.email.toUpperCase(), 'anything at all')
    const destination = await onToProvider(visitor, answer)
    assert.isTrue(destination.startsWith(`${idp.issuer}/auth?`), destination)
    const callback = await idp.signIn(destination, accounts.known)
    const back = await visitor.get(pathOf(callback))
    assert.equal(back.location, '/')
    assert.isTrue(await visitor.isSignedIn())
  })

  test('the person lands on the page they were going to, and only on a page of this site', async ({
    client,
    assert,
  }) => {
    await createUser({ organisation, overrides: { email: accounts.known.email } })
    const signIn = await client.get('/sign-in?returnTo=/capability/gaps')
    signIn.assertTextIncludes('href="/sign-in/department?returnTo=%2Fcapability%2Fgaps"')

    const visitor = new Visitor()
    const form = await visitor.get('/sign-in/department?returnTo=/capability/gaps')
    assert.include(form.text, 'name="returnTo" value="/capability/gaps"')
    const started = await visitor.submit(
      '/sign-in/department?returnTo=/capability/gaps',
      '/sign-in/department',
      { email: accounts.known.email, returnTo: '/capability/gaps' }
    )
    const destination = await onToProvider(visitor, started)
    const back = await visitor.get(pathOf(await idp.signIn(destination, accounts.known)))
    assert.equal(back.location, '/capability/gaps')

    const elsewhere = new Visitor()
    const away = await departmentForm(elsewhere, {
      email: accounts.known.email,
      returnTo: '//evil.example/',
    })
    const home = await elsewhere.get(
      pathOf(await idp.signIn(await onToProvider(elsewhere, away), accounts.known))
    )
    assert.equal(home.location, '/')
  })

  test('someone new to the service is added as a learner in the provider’s organisation, and it is audited', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    const back = await signInThroughDepartment(visitor, accounts.newcomer)
    assert.equal(back.location, '/')
    const home = await visitor.get('/')
    assert.include(home.text, 'your account has been created')

    const person = await User.findByOrFail('email', accounts.newcomer.email)
    await person.load('roles')
    assert.equal(person.fullName, 'Nia Newcomer')
    assert.equal(person.organisationId, organisation.id)
    assert.deepEqual(person.roleNames, ['learner'])
    assert.isNull(person.password)
    assert.isNull(person.lineManagerId)
    assert.isNull(person.grade)

    const created = await AuditEvent.query()
      .where('action', 'create')
      .where('subject_type', 'user')
      .where('subject_id', String(person.id))
      .first()
    assert.isNotNull(created, 'the new person is audited')
    const signIn = await AuditEvent.query()
      .where('action', 'sign_in')
      .where('actor_id', person.id)
      .firstOrFail()
    assert.include(signIn.after ?? '', '"created":true')

    // Signing in again finds the same person through their link.
    const again = new Visitor()
    await signInThroughDepartment(again, accounts.newcomer)
    assert.isTrue(await again.isSignedIn())
    const people = await User.query().where('email', accounts.newcomer.email)
    assert.lengthOf(people, 1)
  })

  test('an ID token for another client (wrong audience) is refused with a clear page', async ({
    assert,
  }) => {
    const back = await signInWithTamperedToken(
      assert,
      organisation,
      ({ header, payload }, sign) => sign(header, { ...payload, aud: 'another-client' }),
      'aud'
    )
    assert.include(
      back.text,
      'We could not sign you in with your department account: the answer from your department’s sign-in service failed our security checks'
    )
    assert.notInclude(back.text, 'Error:')
  })

  test('a state that does not match the one sent, or none, is refused', async ({ assert }) => {
    await createUser({ organisation, overrides: { email: accounts.known.email } })
    const visitor = new Visitor()
    const callback = await idp.signIn(await startAt(visitor, accounts.known.email), accounts.known)
    const forged = new URL(callback)
    forged.searchParams.set('state', 'a-state-this-service-never-sent-0000000000')
    const answer = await visitor.get(pathOf(forged))
    assert.equal(answer.status, 400)
    assert.include(answer.text, 'did not match the sign-in started here')
    assert.isFalse(await visitor.isSignedIn())

    // The attempt is used up: the real answer no longer signs anyone in either.
    const replay = await visitor.get(pathOf(callback))
    assert.equal(replay.status, 400)
    assert.isFalse(await visitor.isSignedIn())

    const other = new Visitor()
    const again = await idp.signIn(await startAt(other, accounts.known.email), accounts.known)
    again.searchParams.delete('state')
    const missing = await other.get(pathOf(again))
    assert.equal(missing.status, 400)
    assert.isFalse(await other.isSignedIn())
    assert.lengthOf(await refusals('state_mismatch'), 2)
  })

  test('an answer from the provider for a sign-in this browser never started is refused', async ({
    assert,
  }) => {
    await createUser({ organisation, overrides: { email: accounts.known.email } })
    const starter = new Visitor()
    const callback = await idp.signIn(await startAt(starter, accounts.known.email), accounts.known)
    const stranger = new Visitor()
    const answer = await stranger.get(pathOf(callback))
    assert.equal(answer.status, 400)
    assert.include(answer.text, 'the sign-in did not start on this service')
    assert.isFalse(await stranger.isSignedIn())
    assert.lengthOf(await refusals('no_sign_in_started'), 1)
  })

  test('a sign-in that took more than 15 minutes at the provider must start again', async ({
    client,
    assert,
  }) => {
    const response = await client
      .get('/sign-in/department/callback?code=a-code&state=the-state')
      .withSession({
        departmentSignIn: {
          providerId: provider.id,
          state: 'the-state',
          nonce: 'the-nonce',
          codeVerifier: 'the-code-verifier',
          returnTo: '/',
          startedAt: Date.now() - 16 * 60_000,
        },
      })
      .redirects(0)
    response.assertStatus(400)
    response.assertTextIncludes('the sign-in took too long. Start again')
    assert.lengthOf(await refusals('sign_in_expired'), 1)
  })

  test('an expired ID token is refused; one a few seconds past its expiry, within the clock tolerance, is accepted', async ({
    assert,
  }) => {
    const now = Math.floor(Date.now() / 1000)
    const back = await signInWithTamperedToken(
      assert,
      organisation,
      ({ header, payload }, sign) => sign(header, { ...payload, iat: now - 7200, exp: now - 3600 }),
      'exp'
    )
    assert.include(back.text, 'failed our security checks')

    idp.tamper = ({ header, payload }, sign) =>
      sign(header, { ...payload, iat: now - 630, exp: now - 30 })
    const skewed = new Visitor()
    const accepted = await signInThroughDepartment(skewed, accounts.known)
    assert.equal(accepted.location, '/')
    assert.isTrue(await skewed.isSignedIn())
  })

  test('an ID token carrying another sign-in’s nonce is refused', async ({ assert }) => {
    await signInWithTamperedToken(
      assert,
      organisation,
      ({ header, payload }, sign) =>
        sign(header, { ...payload, nonce: 'the-nonce-of-another-sign-in' }),
      'nonce'
    )
  })

  test('an ID token signed with a key that is not the provider’s is refused', async ({
    assert,
  }) => {
    const { privateKey: forger } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const back = await signInWithTamperedToken(
      assert,
      organisation,
      ({ header, payload }, sign) =>
        sign(header, { ...payload, email: accounts.known.email }, forger),
      'signature'
    )
    assert.include(back.text, 'failed our security checks')
  })

  test('an e-mail address the provider has not verified signs no one in and creates no one', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    const back = await signInThroughDepartment(visitor, accounts.unverified)
    assert.equal(back.status, 403)
    assert.include(back.text, 'your department has not confirmed your email address')
    assert.isFalse(await visitor.isSignedIn())
    assert.isNull(await User.findBy('email', accounts.unverified.email))
    assert.lengthOf(await refusals('email_unverified'), 1)
  })

  test('a provider vouching for an address outside its domains signs no one in', async ({
    assert,
  }) => {
    // The person exists, with a password; the provider must not be able to sign in as them.
    const outsider = await createUser({ overrides: { email: accounts.outsider.email } })
    const visitor = new Visitor()
    const callback = await idp.signIn(
      await startAt(visitor, accounts.known.email),
      accounts.outsider
    )
    const back = await visitor.get(pathOf(callback))
    assert.equal(back.status, 403)
    assert.include(back.text, 'not one your department’s sign-in service signs in for')
    assert.isFalse(await visitor.isSignedIn())
    assert.isNull(await UserIdentity.findBy('user_id', outsider.id))
    assert.lengthOf(await refusals('email_domain_not_allowed'), 1)
  })

  test('a deactivated person is refused even though the provider accepts them', async ({
    assert,
  }) => {
    const person = await createUser({
      organisation,
      overrides: { email: accounts.deactivated.email, deactivatedAt: DateTime.now() },
    })
    const visitor = new Visitor()
    const back = await signInThroughDepartment(visitor, accounts.deactivated)
    assert.equal(back.status, 403)
    assert.include(back.text, 'your account here has been deactivated')
    assert.isFalse(await visitor.isSignedIn())
    const refusal = await AuditEvent.query()
      .where('action', 'sign_in_refused')
      .where('subject_id', String(person.id))
      .firstOrFail()
    assert.include(refusal.after ?? '', '"reason":"deactivated"')
  })

  test('an account linked to another department account at the same provider is not taken over by a new one with its address', async ({
    assert,
  }) => {
    const person = await createUser({ organisation, overrides: { email: accounts.known.email } })
    await linkDepartmentAccount(person, provider, 'the-subject-of-someone-who-left')
    const visitor = new Visitor()
    const back = await signInThroughDepartment(visitor, accounts.known)
    assert.equal(back.status, 403)
    assert.include(back.text, 'your account here is linked to a different department account')
    assert.isFalse(await visitor.isSignedIn())
    assert.lengthOf(await refusals('linked_to_another_account'), 1)
  })

  test('someone who cancels at their provider is told so', async ({ assert }) => {
    const visitor = new Visitor()
    const callback = await idp.signIn(await startAt(visitor, accounts.known.email), 'cancel')
    assert.equal(callback.searchParams.get('error'), 'access_denied')
    const back = await visitor.get(pathOf(callback))
    assert.equal(back.status, 403)
    assert.include(back.text, 'did not let you in')
    assert.isFalse(await visitor.isSignedIn())
  })

  test('a provider that is down gets a clear page, from either form, never a server error', async ({
    assert,
  }) => {
    const domain = uniqueDomain('down')
    await registerProvider(`http://127.0.0.1:${await closedPort()}`, domain)
    const visitor = new Visitor()
    const fromDepartmentForm = await departmentForm(visitor, {
      email: `someone@${domain}`,
    })
    assert.equal(fromDepartmentForm.status, 503)
    assert.include(
      fromDepartmentForm.text,
      'We could not sign you in with your department account: your department’s sign-in service is not answering just now'
    )
    const fromPasswordForm = await visitor.signIn(`someone@${domain}`, 'a password')
    assert.equal(fromPasswordForm.status, 503)
    assert.include(fromPasswordForm.text, 'is not answering just now')
    assert.notInclude(fromPasswordForm.text, 'ECONNREFUSED')
    const [refusal] = await refusals('provider_unavailable')
    assert.include(refusal.after ?? '', 'discovery failed')
  })

  test('an issuer whose discovery document cannot be read gets the same clear page', async ({
    assert,
  }) => {
    const domain = uniqueDomain('nodiscovery')
    await registerProvider(`${idp.issuer}/not-an-issuer`, domain)
    const visitor = new Visitor()
    const answer = await departmentForm(visitor, {
      email: `someone@${domain}`,
    })
    assert.equal(answer.status, 503)
    assert.include(answer.text, 'is not answering just now')
  })

  test('an address whose domain has no provider is told to use a password', async ({ assert }) => {
    const visitor = new Visitor()
    const answer = await departmentForm(visitor, {
      email: `someone@${uniqueDomain('nobody')}`,
    })
    assert.equal(answer.status, 302)
    assert.match(answer.location ?? '', /\/sign-in\/department$/)
    const form = await visitor.get('/sign-in/department')
    assert.include(form.text, 'does not sign in to this service with its own accounts')
  })

  test('starting department sign-ins for one address is throttled, from either form, with a clear page', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    for (let started = 0; started < START_LIMITS.perAddress.requests; started++) {
      await startAt(visitor, accounts.known.email)
    }
    const fromDepartmentForm = await departmentForm(visitor, {
      email: accounts.known.email.toUpperCase(),
    })
    assert.equal(fromDepartmentForm.status, 429)
    assert.include(
      fromDepartmentForm.text,
      'you have started signing in too many times. Wait 15 minutes'
    )
    const fromPasswordForm = await visitor.submit('/sign-in', '/sign-in', {
      email: accounts.known.email,
      password: 'anything at all',
    })
    assert.equal(fromPasswordForm.status, 429)

    // Another person of the same department is not held up by it.
    await startAt(new Visitor(), accounts.newcomer.email)
  })

  test('signing out ends the service’s session and offers the provider’s sign-out', async ({
    assert,
  }) => {
    await createUser({ organisation, overrides: { email: accounts.known.email } })
    const visitor = new Visitor()
    await signInThroughDepartment(visitor, accounts.known)
    const copy = visitor.copy()
    assert.isTrue(await copy.isSignedIn())

    const out = await visitor.signOut()
    assert.equal(out.location, '/sign-in')
    const page = await visitor.get('/sign-in')
    const link = /href="([^"]+)">Sign out of your department account too/.exec(page.text)
    assert.isNotNull(link, 'the sign-in page links to the provider’s sign-out')
    const endSession = new URL(link![1].replaceAll('&amp;', '&'))
    assert.equal(`${endSession.origin}${endSession.pathname}`, `${idp.issuer}/session/end`)
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), signedOutUrl())
    assert.isString(endSession.searchParams.get('id_token_hint'))
    assert.isFalse(await copy.isSignedIn(), 'the copied cookie signs no one in')

    // The provider accepts the hint and the return address, and goes on to sign the person out there.
    const atProvider = await fetch(endSession, { redirect: 'manual' })
    const text = await atProvider.text()
    assert.equal(atProvider.status, 200, text)
    assert.include(text, '/session/end/confirm')
    assert.notInclude(text, 'Something went wrong')
  })
})

test.group(
  'Signing in with a department account whose provider gives claims only through userinfo',
  (group) => {
    group.setup(async () => {
      idp = await TestIdentityProvider.start({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [callbackUrl()],
        accounts: Object.values(accounts),
        claimsInIdToken: false,
      })
      return () => idp.close()
    })
    group.each.setup(() => testUtils.db().withGlobalTransaction())
    group.each.setup(() => forgetDiscoveredProviders())

    test('the e-mail address and its verification are read from userinfo', async ({ assert }) => {
      const organisation = await OrganisationFactory.create()
      await registerProvider(idp.issuer, DOMAIN, organisation)
      const visitor = new Visitor()
      const welcomed = await signInThroughDepartment(visitor, accounts.newcomer)
      assert.equal(welcomed.location, '/')
      const person = await User.findByOrFail('email', accounts.newcomer.email)
      assert.equal(person.fullName, 'Nia Newcomer')

      const refused = new Visitor()
      const back = await signInThroughDepartment(refused, accounts.unverified)
      assert.equal(back.status, 403)
      assert.include(back.text, 'has not confirmed your email address')
    })
  }
)
