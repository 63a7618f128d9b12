import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createIdentityProvider, uniqueDomain } from '#database/factories/identity_provider_factory'
import { callbackUrl, forgetDiscoveredProviders, signedOutUrl } from '#services/single_sign_on'
import { TestIdentityProvider } from '#tests/support/identity_provider'

const CLIENT_ID = 'digital-capability-service'
const CLIENT_SECRET = 'test-only-client-secret-of-the-service'
const DOMAIN = uniqueDomain('dwp')
const ACCOUNT = {
  email: `katherine.johnson@${DOMAIN}`,
  password: 'department-password',
  name: 'Katherine Johnson',
}

test.group('Signing in with a department account, in a browser', (group) => {
  let idp: TestIdentityProvider

  group.setup(async () => {
    idp = await TestIdentityProvider.start({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [callbackUrl()],
      postLogoutRedirectUris: [signedOutUrl()],
      accounts: [ACCOUNT],
      title: 'Department for Work and Pensions sign-in',
    })
    return () => idp.close()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetDiscoveredProviders())

  test('a person goes through their department’s sign-in page and back, then signs out of both', async ({
    visit,
    assert,
  }) => {
    const organisation = await OrganisationFactory.create()
    await createIdentityProvider({
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      domains: [DOMAIN],
      organisation,
    })
    await createUser({ organisation, overrides: { email: ACCOUNT.email, fullName: ACCOUNT.name } })

    const page = await visit('/sign-in')
    await page.assertAccessible()
    await page.getByRole('link', { name: 'sign in with your department account' }).click()
    await page.assertPath('/sign-in/department')
    await page.assertTextContains('h1', 'Sign in with your department account')
    await page.assertAccessible()

    await page.getByLabel('Work email address').fill(ACCOUNT.email)
    await page.getByRole('button', { name: 'Continue' }).click()

    // The department's own sign-in page, on the provider.
    await page.waitForURL((url) => url.origin === idp.issuer)
    await page.assertTextContains('h1', 'Department for Work and Pensions sign-in')
    assert.equal(await page.getByLabel('Email address').inputValue(), ACCOUNT.email)
    await page.getByLabel('Password').fill(ACCOUNT.password)
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.waitForURL((url) => url.origin !== idp.issuer && url.pathname === '/')
    // The home page counts what waits for the person: on a busy machine it can take a while.
    await page
      .getByRole('heading', { level: 1, name: 'Welcome, Katherine Johnson' })
      .waitFor({ timeout: 15_000 })
    await page.assertTextContains('h1', 'Welcome, Katherine Johnson')
    await page.assertAccessible()

    await page.getByRole('button', { name: /Sign out/ }).click()
    await page.assertPath('/sign-in')
    await page.assertTextContains('[role=status]', 'You have signed out')
    const departmentSignOut = page.getByRole('link', {
      name: 'Sign out of your department account too',
    })
    const href = await departmentSignOut.getAttribute('href')
    assert.isTrue(href?.startsWith(idp.issuer), href ?? 'no address')
    await page.assertAccessible()

    await departmentSignOut.click()
    await page.waitForURL((url) => url.origin === idp.issuer)
    await page.getByRole('button', { name: 'Yes, sign me out' }).click()
    await page.waitForURL((url) => url.origin !== idp.issuer)
    await page.assertPath('/sign-in')
  })

  test('a sign-in that cannot be trusted ends on a clear, accessible page', async ({ visit }) => {
    const page = await visit('/sign-in/department/callback?code=forged&state=forged')
    await page.assertTextContains('h1', 'We could not sign you in')
    await page.assertTextContains(
      'main',
      'We could not sign you in with your department account: the sign-in did not start on this service'
    )
    await page.assertAccessible()
  })
})
