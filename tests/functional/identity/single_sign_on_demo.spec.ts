import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import User from '#models/user'
import IdentityProvider from '#models/identity_provider'
import {
  DEMO_SSO,
  demoIdentityProviderOptions,
  seedDemoSingleSignOn,
} from '#database/demo/single_sign_on'
import { callbackUrl, forgetDiscoveredProviders } from '#services/single_sign_on'
import { TestIdentityProvider } from '#tests/support/identity_provider'
import { Visitor } from '#tests/support/session_cookies'

/* Signs in through the demo's provider, as `npm run demo` runs it; answers where the service sends the person. */
async function signIn(idp: TestIdentityProvider, email: string) {
  const visitor = new Visitor()
  const answer = await visitor.submit('/sign-in/department', '/sign-in/department', { email })
  if (answer.location !== '/sign-in/department/continue') throw new Error(`${answer.status}`)
  const page = await visitor.get('/sign-in/department/continue')
  const link = /href="([^"]+)" class="font-bold">Continue/.exec(page.text)
  const callback = await idp.signIn(link![1].replaceAll('&amp;', '&'), {
    email,
    password: DEMO_SSO.password,
  })
  const back = await visitor.get(`${callback.pathname}${callback.search}`)
  return { back, visitor }
}

test.group('Single sign-on in the demo', (group) => {
  let idp: TestIdentityProvider
  const previous = process.env.DEMO_IDENTITY_PROVIDER_URL

  group.setup(async () => {
    const service = callbackUrl().replace('/sign-in/department/callback', '')
    idp = await TestIdentityProvider.start(demoIdentityProviderOptions(service))
    process.env.DEMO_IDENTITY_PROVIDER_URL = idp.issuer
    return async () => {
      process.env.DEMO_IDENTITY_PROVIDER_URL = previous
      await idp.close()
    }
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetDiscoveredProviders())

  test('the demo’s provider signs in the demo department’s accounts: one linked, one added', async ({
    assert,
  }) => {
    const hmrc = await OrganisationFactory.merge({ code: DEMO_SSO.organisationCode }).create()
    await createUser({ organisation: hmrc, roles: ['department_hr'] })
    await seedDemoSingleSignOn(db.connection())
    // Seeding again (every `npm run demo`) changes nothing but the issuer and secret.
    await seedDemoSingleSignOn(db.connection())
    const providers = await IdentityProvider.query().preload('domains')
    assert.lengthOf(providers, 1)
    assert.equal(providers[0].issuer, idp.issuer)
    assert.deepEqual(
      providers[0].domains.map((row) => row.domain),
      [DEMO_SSO.domain]
    )

    const [inService, newcomer] = DEMO_SSO.accounts
    const known = await User.findByOrFail('email', inService.email)
    const first = await signIn(idp, inService.email)
    assert.equal(first.back.location, '/')
    assert.isTrue(await first.visitor.isSignedIn())
    assert.isNull(await User.findBy('email', newcomer.email))

    const second = await signIn(idp, newcomer.email)
    assert.equal(second.back.location, '/')
    const added = await User.findByOrFail('email', newcomer.email)
    assert.equal(added.organisationId, hmrc.id)
    assert.equal(added.fullName, newcomer.name)
    assert.notEqual(added.id, known.id)
  })
})
